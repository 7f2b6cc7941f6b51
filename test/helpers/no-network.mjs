// Preloaded with `node --import` by test/e2e/safe-outputs.test.ts: every way Node opens a
// connection or resolves a name throws, and is recorded (one line each) in $SIT_NETWORK_LOG.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const log = process.env.SIT_NETWORK_LOG;
const refuse = (what) =>
  function refused() {
    if (log) appendFileSync(log, `${what}\n`);
    throw new Error(`network use refused in tests: ${what}`);
  };
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
tls.connect = refuse('tls.connect');
dns.lookup = refuse('dns.lookup');
dns.resolve = refuse('dns.resolve');
dns.promises.lookup = refuse('dns.promises.lookup');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
globalThis.fetch = refuse('fetch');
