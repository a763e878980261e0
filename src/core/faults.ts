// supervisord's XML-RPC fault table. The daemon throws Fault; words and exit codes are chosen at the edges.

export const FaultCodes = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

export type FaultName = keyof typeof FaultCodes;

export function faultName(code: number): FaultName | 'UNKNOWN' {
  for (const [name, value] of Object.entries(FaultCodes)) if (value === code) return name as FaultName;
  return 'UNKNOWN';
}

/** A fault as supervisord reports it: faultString is `NAME` or `NAME: detail`. */
export class Fault extends Error {
  readonly code: number;
  readonly faultName: FaultName | 'UNKNOWN';

  constructor(name: FaultName, detail?: string) {
    super(detail === undefined ? name : `${name}: ${detail}`);
    this.name = 'Fault';
    this.code = FaultCodes[name];
    this.faultName = name;
  }

  /** A fault received from a server: keep its code and string as they came. */
  static fromWire(code: number, faultString: string): Fault {
    const name = faultName(code);
    const fault = new Fault(name === 'UNKNOWN' ? 'FAILED' : name);
    Object.assign(fault, { code, faultName: name, message: faultString });
    return fault;
  }

  get faultString(): string {
    return this.message;
  }
}
