#!/usr/bin/env node
// Runs @vercel/cosmosdb-server in this process on a private port and serves the Cosmos DB .NET SDK in front of it,
// fixing the three gaps that break the SDK (see shared/docs/environment.md):
//   1. the SDK asks the gateway for a query plan (header x-ms-cosmos-is-query-plan-request): answered here with a
//      pass-through plan over the single partition key range, so the server itself runs ORDER BY, TOP and aggregates;
//   2. a partition key given only in the request header is not understood by the server (it refuses such a query
//      with 400 "missing partition keys", or ignores the key when cross-partition queries are allowed): such queries
//      are run across partitions and their results filtered here by the x-ms-documentdb-partitionkey header;
//   3. reading a missing document makes the server fail with 500: mapped here to the 404 NotFound the SDK expects.
// Usage: node cosmos-wrapper.js --port <port> [--host 127.0.0.1] [--parent-pid <pid>] [--no-ssl] [--log-requests]
//          [--disable-fix query-plan|partition-filter|not-found]...   (the tests use this to prove each fix is needed)
// --log-requests prints one line per request to stderr: method, path, status, milliseconds, and a query's text.
// Prints "cosmos-wrapper ready <url>" once it accepts requests. With --parent-pid it exits when that process is gone,
// so a crashed test host never leaves it behind.
"use strict";

const http = require("http");
const https = require("https");
const fs = require("fs");
const path = require("path");

function parseArgs(argv) {
  const options = { host: "127.0.0.1", port: 0, parentPid: 0, ssl: true, logRequests: false, disabled: new Set() };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--port") options.port = Number(argv[++i]);
    else if (arg === "--host") options.host = argv[++i];
    else if (arg === "--parent-pid") options.parentPid = Number(argv[++i]);
    else if (arg === "--no-ssl") options.ssl = false;
    else if (arg === "--log-requests") options.logRequests = true;
    else if (arg === "--disable-fix") options.disabled.add(argv[++i]);
    else throw new Error(`cosmos-wrapper: unknown argument '${arg}'`);
  }
  for (const fix of options.disabled) {
    if (!["query-plan", "partition-filter", "not-found"].includes(fix)) throw new Error(`cosmos-wrapper: unknown fix '${fix}'`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error("cosmos-wrapper: --port must be a TCP port number");
  }
  return options;
}

// The plan for a query the single-range server can run whole: no client-side ORDER BY, TOP, aggregate or DISTINCT
// stages, one range covering every partition key.
const passThroughPlan = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
});

const isTrue = (value) => String(value || "").toLowerCase() === "true";
const documentPath = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)\/?$/;
const documentsPath = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/;

function isQuery(req) {
  return req.method === "POST" && (isTrue(req.headers["x-ms-documentdb-isquery"]) || req.headers["content-type"] === "application/query+json");
}

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function valueAtPath(document, partitionKeyPath) {
  let value = document;
  for (const segment of partitionKeyPath.split("/").filter((s) => s.length > 0)) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[segment];
  }
  return value;
}

function createWrapper(options) {
  const cosmos = require("@vercel/cosmosdb-server");
  const inner = cosmos.createHttpServer({ keepAlive: true });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const partitionKeyPaths = new Map();

  // Node's server closes a kept-alive socket after 5 idle seconds; a request the agent sends on it just then fails
  // with "socket hang up" before the server reads it. Both ends are in this process: the inner server keeps idle
  // sockets open instead.
  inner.keepAliveTimeout = 0;

  function forward(req, body) {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${inner.address().port}` };
      delete headers.connection;
      headers["content-length"] = String(body.length);
      const upstream = http.request(
        { host: "127.0.0.1", port: inner.address().port, method: req.method, path: req.url, headers, agent },
        async (res) => {
          try {
            resolve({ status: res.statusCode, headers: res.headers, body: await readBody(res) });
          } catch (err) {
            reject(err);
          }
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  async function containerPartitionKeyPath(req, dbId, collId) {
    const key = `${dbId}/${collId}`;
    if (!partitionKeyPaths.has(key)) {
      const response = await forward({ method: "GET", url: `/dbs/${dbId}/colls/${collId}`, headers: { ...req.headers, "content-type": "application/json" } }, Buffer.alloc(0));
      if (response.status !== 200) return null;
      const paths = ((JSON.parse(response.body.toString("utf8")) || {}).partitionKey || {}).paths || [];
      partitionKeyPaths.set(key, paths.length === 1 ? paths[0] : null);
    }
    return partitionKeyPaths.get(key);
  }

  function send(res, status, headers, body) {
    const out = { ...headers };
    delete out.connection;
    delete out["transfer-encoding"];
    out["content-length"] = String(body.length);
    res.writeHead(status, out);
    res.end(body);
  }

  async function handle(req, res) {
    const body = await readBody(req);
    const pathname = req.url.split("?")[0];
    if (options.logRequests && isQuery(req)) {
      req.loggedQuery = body.toString("utf8").slice(0, 300);
    }

    // Fix 1: the query plan.
    if (!options.disabled.has("query-plan") && req.method === "POST" && isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) {
      send(res, 200, { "content-type": "application/json", "x-ms-request-charge": "0", "x-ms-activity-id": "00000000-0000-0000-0000-000000000000" }, Buffer.from(passThroughPlan));
      return;
    }

    // Fix 2: scope queries to the partition key in the header.
    const docs = documentsPath.exec(pathname);
    const partitionKeyHeader = req.headers["x-ms-documentdb-partitionkey"];
    const scopeByHeader = !options.disabled.has("partition-filter") && docs && isQuery(req) && partitionKeyHeader;
    if (scopeByHeader) {
      req.headers["x-ms-documentdb-query-enablecrosspartition"] = "True";
    }

    const response = await forward(req, body);

    if (scopeByHeader && response.status === 200) {
      const pkPath = await containerPartitionKeyPath(req, docs[1], docs[2]);
      let wanted;
      try {
        wanted = JSON.parse(partitionKeyHeader);
      } catch {
        wanted = undefined;
      }
      if (pkPath && Array.isArray(wanted) && wanted.length === 1) {
        const payload = JSON.parse(response.body.toString("utf8"));
        if (Array.isArray(payload.Documents)) {
          // Projections without the key field cannot be attributed to a partition and pass unchanged.
          payload.Documents = payload.Documents.filter((d) => d === null || typeof d !== "object" || valueAtPath(d, pkPath) === undefined || valueAtPath(d, pkPath) === wanted[0]);
          payload._count = payload.Documents.length;
          response.headers["x-ms-item-count"] = String(payload._count);
          response.body = Buffer.from(JSON.stringify(payload));
        }
      }
    }

    // Fix 3: a missing document is a 404, not a server error.
    if (!options.disabled.has("not-found") && req.method === "GET" && response.status === 500 && documentPath.test(pathname)) {
      response.status = 404;
      response.body = Buffer.from(JSON.stringify({ code: "NotFound", message: "Entity with the specified id does not exist in the system." }));
      response.headers["content-type"] = "application/json";
    }

    send(res, response.status, response.headers, response.body);
  }

  const requestListener = (req, res) => {
    if (options.logRequests) {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const query = req.loggedQuery ? ` ${req.loggedQuery}` : "";
        process.stderr.write(`${req.method} ${req.url.split("?")[0]} ${res.statusCode} ${ms.toFixed(1)}ms${query}\n`);
      });
    }
    handle(req, res).catch((err) => {
      send(res, 500, { "content-type": "application/json" }, Buffer.from(JSON.stringify({ code: "InternalServerError", message: String(err && err.message) })));
    });
  };

  const packageRoot = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
  const front = options.ssl
    ? https.createServer({ cert: fs.readFileSync(path.join(packageRoot, "cert.pem")), key: fs.readFileSync(path.join(packageRoot, "key.pem")) }, requestListener)
    : http.createServer(requestListener);
  front.keepAliveTimeout = 60000;
  return { inner, front };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const { inner, front } = createWrapper(options);
  inner.listen(0, "127.0.0.1", () => {
    front.listen(options.port, options.host, () => {
      const scheme = options.ssl ? "https" : "http";
      process.stdout.write(`cosmos-wrapper ready ${scheme}://${options.host}:${front.address().port}/\n`);
    });
  });
  if (options.parentPid > 0) {
    // Watchdog: the test host that started us is gone (crash, kill -9): leave with it.
    setInterval(() => {
      try {
        process.kill(options.parentPid, 0);
      } catch {
        process.exit(0);
      }
    }, 1000).unref();
  }
  const stop = () => process.exit(0);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
