// The hostile inputs of test/bad-input.test.ts, by kind. Each one is
// something a client can send, by mistake or on purpose; the test sends them
// at every endpoint and checks how the app answers, not what it does with
// each one in particular.
import { createHmac } from 'node:crypto';

// #region bodies
/** Raw bodies sent as `application/json` that are not one JSON object. */
export const malformedJson: Record<string, string> = {
  'truncated': '{"title": "Hel',
  'trailing garbage': '{"title": "Hello", "body": "x"} garbage',
  'byte order mark': '\uFEFF{"title": "Hello", "body": "x"}',
  'single quotes': "{'title': 'Hello', 'body': 'x'}",
  'comments': '{"title": "Hello", /* a comment */ "body": "x"} // end',
  'trailing comma': '{"title": "Hello", "body": "x",}',
  'bare string': '"hello"',
  'bare number': '42',
  'null': 'null',
  'empty array': '[]',
  'NaN literal': '{"title": NaN}',
  'unquoted keys': '{title: "Hello"}',
  'only whitespace': '   \n\t  ',
  'lone surrogate escape': '{"title": "\\ud800", "body": "\\udfff"}',
  'invalid escape': '{"title": "\\x41"}',
  'raw control character': '{"title": "a\u0001b", "body": "x"}',
};

/** `[` 5,000 deep is 10,000 bytes: just under the 10 KB limit, so the parser really sees it. */
export const deepArray = '['.repeat(5_000) + ']'.repeat(5_000);
/** Objects nested about 1,800 deep, also under 10 KB. */
export const deepObject = '{"a":'.repeat(1_700) + '1' + '}'.repeat(1_700);
/** 10,000 levels: 20 KB, refused for its size before anyone parses it. */
export const deepTenThousand = '['.repeat(10_000) + ']'.repeat(10_000);
/** A JSON object of 11 KB: over express.json's 10 KB limit. */
export const hugeJson = JSON.stringify({ title: 'Hello', body: 'x'.repeat(11 * 1024) });

/** Prototype-pollution payloads: keys that would reach Object.prototype through a naive merge. */
export const pollution: Record<string, string> = {
  '__proto__': '{"__proto__": {"admin": true, "role": "admin", "status": "approved"}}',
  'constructor.prototype': '{"constructor": {"prototype": {"admin": true, "role": "admin"}}}',
};
// #endregion bodies

// #region content-types
/** A JSON body sent with a Content-Type the API does not parse, or none. */
export const wrongContentTypes: Record<string, string | null> = {
  'text/plain': 'text/plain',
  'form-urlencoded': 'application/x-www-form-urlencoded',
  'multipart': 'multipart/form-data; boundary=----x',
  'no Content-Type': null,
  'garbage Content-Type': '}{;;; not a type',
  'json with charset utf-7': 'application/json; charset=utf-7',
  'json+problem': 'application/problem+json',
};
// #endregion content-types

// #region values
/** What a string field may get instead of a string. */
export const wrongTypes: Record<string, unknown> = {
  'number': 42,
  'float': 1.5,
  'negative': -1,
  'array': ['a', 'b'],
  'object': { nested: 'x' },
  'null': null,
  'true': true,
  'false': false,
};

/** Strings a client may send where text is expected. */
export const hostileStrings: Record<string, string> = {
  'NUL byte': 'before\u0000after',
  'control characters': '\u0001\u0007\u001b[31mred\u001b[0m\u007f',
  'emoji': '😀🔥 family: 👨‍👩‍👧‍👦',
  'astral plane': '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎',
  'lone high surrogate': 'broken \ud83d here',
  'lone low surrogate': '\ude00 at start',
  'right-to-left override': 'abc\u202Edef',
  'zero-width joiner only': '\u200d\u200d\u200d',
  'SQL quote': "' OR 1=1 --",
  'HTML': '<script>alert(1)</script><img src=x onerror=alert(1)>',
  'template and path': '${process.env} ../../../etc/passwd %s %n',
  'overlong title': 'T'.repeat(201),
  'overlong body': 'B'.repeat(10_001),
  'only spaces': '     ',
  'empty': '',
};

/** Usernames and emails that look like someone else's: look-alike letters, case, invisible characters. */
export const lookAlikeAccounts: Record<string, { username: string; email: string }> = {
  'Cyrillic a in admin': { username: '\u0430dmin', email: '\u0430dmin@example.com' },
  'fullwidth admin': { username: 'ａｄｍｉｎ', email: 'ａｄｍｉｎ@example.com' },
  'upper-case admin email': { username: 'admin_two', email: 'ADMIN@EXAMPLE.COM' },
  'padded admin email': { username: 'admin_three', email: '  admin@example.com  ' },
  'zero-width space in email': { username: 'admin_four', email: 'admin\u200b@example.com' },
  'combining accent': { username: 'ada\u0301', email: 'ada\u0301@example.com' },
  'dotless i and ligature': { username: 'adm\u0131n', email: '\ufb01le@example.com' },
  'upper-case admin username': { username: 'ADMIN', email: 'other.admin@example.com' },
  'NUL in email': { username: 'nul_user', email: 'nul\u0000@example.com' },
  'overlong username': { username: 'u'.repeat(31), email: 'long.name@example.com' },
  'overlong email': { username: 'long_email', email: `${'e'.repeat(250)}@example.com` },
};
// #endregion values

// #region query-and-path
/** Query strings for the paged lists. Express 5's simple parser keeps `page[]` as a key of its own. */
export const hostileQueries = [
  'page[]=1&page[]=2',
  'page=1&page=2',
  'page[x]=1',
  'limit=1e9',
  'limit=1000000000',
  'limit=-1',
  'page=-1',
  'page=0',
  'page=NaN',
  'limit=Infinity',
  'page=1.5',
  'page=99999999999999999999',
  'limit=0x10',
  'page=%EF%BC%91', // a fullwidth 1
  'page=%E0%A4%A',
  'page=%',
  'page=%00',
  'limit=%20%2010',
  '__proto__[admin]=1&constructor[prototype][admin]=1',
  'status[]=pending&status[]=approved',
  'status=PENDING',
  'offset=-5',
  'offset=1e3',
];

/** What may stand where a path expects a numeric id. */
export const hostileIds = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  '99999999999999999999',
  '999999999999999',
  "'%20OR%201=1",
  '1%20OR%201=1--',
  '%E0%A4%A',
  '%',
  '%00',
  '1%00',
  '%F0%9F%98%80',
  'null',
  '__proto__',
  'constructor',
  '..%2F..%2Fpackage.json',
];

/** Paths of the page with broken encoding, traversal and odd names. */
export const hostilePagePaths = [
  '/%E0%A4%A',
  '/%',
  '/%00',
  '/index.html%00.js',
  '/..%2F..%2Fpackage.json',
  '/%2e%2e/%2e%2e/package.json',
  '/js/..%2F..%2Fsrc%2Fapp.ts',
  '/js/%2e%2e%2fapi.js',
  '/js/main.js%00',
  '/js/MAIN.js',
  '/js/.js',
  '/.env',
  '/.git/config',
  '/api/v2/posts',
  '/api/v1%2Fposts',
  `/${'a'.repeat(4_000)}`,
];
// #endregion query-and-path

// #region methods
/** Methods no route has. Node's parser refuses a method it does not know (FOO) with its own 400. */
export const oddMethods = ['PUT', 'PROPFIND', 'TRACE', 'OPTIONS', 'HEAD', 'FOO'] as const;
// #endregion methods

// #region cookies
/**
 * express-session's cookie value: `s:` + the id + `.` + an HMAC-SHA256 of the
 * id under the secret, base64 without padding, percent-encoded.
 */
export function signedSessionId(id: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '');
  return encodeURIComponent(`s:${id}.${signature}`);
}

/** Forged and garbled Cookie headers; `validId` is a real session id, from a real login. */
export function forgedCookies(validId: string): Record<string, string> {
  return {
    'unsigned id': `forum.sid=${validId}`,
    'wrong signature': `forum.sid=${encodeURIComponent(`s:${validId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)}`,
    'signed with another secret': `forum.sid=${signedSessionId(validId, 'another secret that is long enough to be one')}`,
    'made-up id signed with another secret': `forum.sid=${signedSessionId('admin', 'development-only-secret')}`,
    'garbled': 'forum.sid=s%3A%%%...;;;==',
    'broken percent-encoding': 'forum.sid=%E0%A4%A',
    'empty': 'forum.sid=',
    'huge': `forum.sid=${'x'.repeat(6_000)}`,
    'many cookies': Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; '),
    'two session cookies': `forum.sid=garbage; forum.sid=${encodeURIComponent(`s:${validId}.bad`)}`,
    'no equals sign': 'forum.sid',
    'latin-1 bytes': 'forum.sid=\u00e9\u00ff',
  };
}
// #endregion cookies
