'use strict';
// What one hop between two processes costs on this machine: a one-byte message over loopback TCP to
// an echoing child process and back, 20,000 times in turn. Every order crosses about a dozen such
// hops (client, API, Redis, PostgreSQL, matching worker, WebSocket), so this floor bounds the
// end-to-end figures of trading-e2e.js more than any code of ours does.
const net = require('node:net');
const { fork } = require('node:child_process');

const TRIPS = 20_000;

if (process.argv[2] === 'echo') {
  const server = net.createServer((c) => c.on('data', (d) => c.write(d)));
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const child = fork(__filename, ['echo']);
  child.once('message', (port) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.setNoDelay(true);
      const micros = [];
      let sentAt = 0n;
      const send = () => {
        sentAt = process.hrtime.bigint();
        socket.write('x');
      };
      const cpu0 = process.cpuUsage();
      const start = process.hrtime.bigint();
      socket.on('data', () => {
        micros.push(Number(process.hrtime.bigint() - sentAt) / 1000);
        if (micros.length < TRIPS) return send();
        const wallUs = Number(process.hrtime.bigint() - start) / 1000;
        const cpu = process.cpuUsage(cpu0);
        micros.sort((a, b) => a - b);
        const at = (p) => micros[Math.min(TRIPS - 1, Math.floor((TRIPS * p) / 100))].toFixed(1);
        console.log(
          `loopback round trip between two processes: p50 ${at(50)} us, p99 ${at(99)} us, ` +
            `${(wallUs / TRIPS).toFixed(1)} us wall and ${((cpu.user + cpu.system) / TRIPS).toFixed(1)} us ` +
            `of the sender's CPU per trip (${TRIPS} trips)`,
        );
        socket.destroy();
        child.kill();
      });
      send();
    });
  });
}
