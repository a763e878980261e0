// Text helpers with Python's exact behaviour where supervisord's web UI shows it: urllib.parse.quote for
// hrefs and the redirect's ?message=, time.ctime() for the messages' timestamps. And HTML escaping.

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~/]/;

/** urllib.parse.quote(s) (safe='/'): every UTF-8 byte outside the unreserved set and `/` becomes %XX. */
export function pyQuote(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ALWAYS_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: everything that could end an element or an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.ctime() in local time: `Sat Nov  1 09:05:03 2026` (day of month padded with a space). */
export function pyCtime(date: Date = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  return `${DAYS[date.getDay()]!} ${MONTHS[date.getMonth()]!} ${String(date.getDate()).padStart(2, ' ')} ${time} ${date.getFullYear()}`;
}

/**
 * The query string (and a urlencoded POST body) as supervisord's web UI reads them: blank values are
 * dropped (parse_qs), the first of repeated query keys wins, and POST values override the query.
 */
export function readForm(query: string, postBody: string | null): Map<string, string> {
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) {
    if (value !== '' && !form.has(key)) form.set(key, value);
  }
  if (postBody !== null) {
    for (const [key, value] of new URLSearchParams(postBody)) if (value !== '') form.set(key, value);
  }
  return form;
}
