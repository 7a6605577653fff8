import { describe, expect, it } from "vitest";
import { overviewSubcommand } from "../../../src/knowledge/ranking/overview.js";

const kubectl = [
  "Run commands on a Kubernetes cluster from the shell.",
  "List information about a resource:",
  "kubectl get {{pods}}",
  "Display resource (CPU/Memory) usage of nodes or pods:",
  "kubectl top {{pods|nodes}}",
  "Print the logs for a container in a pod:",
  "kubectl logs {{pod_name}}",
].join("\n");

/** The question's words, each weighing 1, that a set of index words holds. */
const question =
  (...words: string[]) =>
  (held: ReadonlySet<string>) =>
    words.filter((w) => held.has(w)).length;

describe("overviewSubcommand", () => {
  it("names the subcommand whose example, with its caption, covers the question best", () => {
    expect(overviewSubcommand(kubectl, "kubectl", question("cpu", "memory", "pod"))).toBe("kubectl top");
    expect(overviewSubcommand(kubectl, "kubectl", question("log", "pod"))).toBe("kubectl logs");
  });

  it("names none for a question about the command itself, or one two examples cover alike", () => {
    expect(overviewSubcommand(kubectl, "kubectl", question("kubernete", "cluster"))).toBeNull();
    expect(overviewSubcommand(kubectl, "kubectl", question("pod"))).toBeNull();
  });

  it("reads an example written through a choice of spellings as the subcommand it spells", () => {
    const container = [
      "Manage Docker containers.",
      "List the Docker containers running now:",
      "docker {{[ps|container ls]}}",
      "Start stopped containers again:",
      "docker {{[start|container start]}} {{container1_name container2_name ...}}",
    ].join("\n");
    const covered = question("list", "running", "container");
    expect(overviewSubcommand(container, "docker container", covered)).toBe("docker container ls");
  });

  it("names none in a section without examples of the command", () => {
    expect(
      overviewSubcommand("Kubernetes runs containers.\nSee the tutorial.", "kubectl", question("pod")),
    ).toBeNull();
  });
});
