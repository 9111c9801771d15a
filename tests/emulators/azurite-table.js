#!/usr/bin/env node
// Runs Azurite's Table service in this process (127.0.0.1, no telemetry) with a parent-PID watchdog, so the test host
// that started it can stop it by this one PID and a crashed host never leaves it behind. In memory by default; with
// --location DIR it persists to DIR, so a test can kill it and start it again on the same data.
// Usage: node azurite-table.js --port <port> [--parent-pid <pid>] [--location <dir>]   (run it from a scratch directory)
// Azurite prints "Azurite Table service successfully started on ..." when ready.
"use strict";

const argv = process.argv.slice(2);
let port = "0";
let parentPid = 0;
let location = "";
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === "--port") port = argv[++i];
  else if (argv[i] === "--parent-pid") parentPid = Number(argv[++i]);
  else if (argv[i] === "--location") location = argv[++i];
  else throw new Error(`azurite-table: unknown argument '${argv[i]}'`);
}
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}

// Azurite reads its options from the command line.
const persistence = location ? ["--location", location] : ["--inMemoryPersistence"];
process.argv = [process.argv[0], "azurite-table", "--tableHost", "127.0.0.1", "--tablePort", port,
  ...persistence, "--disableTelemetry", "--skipApiVersionCheck", "--loose"];
require("azurite/dist/src/table/main.js");
