// Where the panes go for a terminal size. Pure, so the model's viewport (rows that fit) and the screen
// agree, and small terminals (80×24) still get a usable log pane.

export interface Layout {
  readonly width: number;
  readonly headerTop: number;
  readonly tableTop: number;
  readonly tableHeight: number;
  readonly logTop: number;
  readonly logHeight: number;
  readonly footerTop: number;
  /** Rows for processes inside the table box (after borders and the column line). */
  readonly tableRows: number;
  /** Text lines inside the log box, and their width. */
  readonly logRows: number;
  readonly logCols: number;
  readonly borders: boolean;
}

const HEADER = 1;
const FOOTER = 2;

export function computeLayout(width: number, height: number, rowCount: number, copyMode: boolean): Layout {
  const body = Math.max(4, height - HEADER - FOOTER);
  if (copyMode) {
    // The log alone, edge to edge: what the terminal selects is exactly the log's text.
    return { width, headerTop: 0, tableTop: HEADER, tableHeight: 0, logTop: HEADER, logHeight: body, footerTop: HEADER + body, tableRows: 0, logRows: body, logCols: Math.max(1, width), borders: false };
  }
  const wanted = rowCount + 3; // borders + column headings
  const cap = Math.max(5, Math.floor(body * 0.5));
  const tableHeight = Math.min(Math.max(5, wanted), cap);
  const logHeight = Math.max(3, body - tableHeight);
  return {
    width,
    headerTop: 0,
    tableTop: HEADER,
    tableHeight,
    logTop: HEADER + tableHeight,
    logHeight,
    footerTop: HEADER + tableHeight + logHeight,
    tableRows: Math.max(1, tableHeight - 3),
    logRows: Math.max(1, logHeight - 2),
    logCols: Math.max(1, width - 2),
    borders: true,
  };
}
