// Preloaded by `npm run bench:service -- --cpu-prof DIR` (NODE_OPTIONS=--import …, since Node 20 refuses
// --cpu-prof there): profiles the whole process with the inspector and writes DIR/service-<pid>.cpuprofile at
// exit. Plain JavaScript so that the built service (plain node, no tsx) can load it.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  // Sampling interval in microseconds (node --cpu-prof's default is 1000).
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  // A session in the same thread answers synchronously, so this runs to the end inside "exit".
  process.on("exit", () => {
    session.post("Profiler.stop", (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `service-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
