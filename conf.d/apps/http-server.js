// A tiny HTTP server for the example: GET / answers with the greeting, the name and the pid.
import http from 'node:http';

const [port = '8701', name = 'app'] = process.argv.slice(2);
const greeting = process.env.GREETING ?? 'hello';

const server = http.createServer((req, res) => {
  console.log(`${new Date().toISOString()} ${name} ${req.method} ${req.url}`);
  res.end(`${greeting} (${name}, pid ${process.pid})\n`);
});
server.listen(Number(port), '127.0.0.1', () => console.log(`${name} listening on http://127.0.0.1:${port}`));
process.on('SIGTERM', () => {
  console.log(`${name} got SIGTERM, closing`);
  server.close(() => process.exit(0));
});
