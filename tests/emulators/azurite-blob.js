#!/usr/bin/env node
// Runs Azurite's Blob service in this process (in memory, 127.0.0.1, no telemetry) with a parent-PID watchdog, so
// the test host that started it can stop it by this one PID and a crashed host never leaves it behind.
// Usage: node azurite-blob.js --port <port> [--parent-pid <pid>]   (run it from a scratch working directory)
// Azurite prints "Azurite Blob service successfully listens on ..." when ready.
"use strict";

const argv = process.argv.slice(2);
let port = "0";
let parentPid = 0;
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === "--port") port = argv[++i];
  else if (argv[i] === "--parent-pid") parentPid = Number(argv[++i]);
  else throw new Error(`azurite-blob: unknown argument '${argv[i]}'`);
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
process.argv = [process.argv[0], "azurite-blob", "--blobHost", "127.0.0.1", "--blobPort", port,
  "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose"];
require("azurite/dist/src/blob/main.js");
