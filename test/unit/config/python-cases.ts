// Loads the expected results generated from Python itself (test/fixtures/config/python-cases/*.py).

import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../../helpers/paths.js';

export function pythonCases<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(fixturesDir, 'config', 'python-cases', `${name}.json`), 'utf8')) as T;
}
