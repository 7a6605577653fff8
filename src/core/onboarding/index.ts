export {
  CurriculumError,
  curriculumFromFile,
  curriculumFromHeadings,
  loadCurriculum,
  readingMinutes,
} from "./curriculum.js";
export type { Curriculum, Lesson } from "./curriculum.js";
export { Onboarding, progressBar } from "./onboarding.js";
