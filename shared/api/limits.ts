// Size limits that must agree across the boundaries a payload crosses: a session file the import
// call accepts must also fit through the browser shell's HTTP body, or the user sees a reset
// connection instead of the limit's own message (issue 16, point 10).

/** The largest session file accepted, in UTF-8 bytes (the unit a file size is shown in). */
export const MAX_SESSION_FILE_BYTES = 64 * 1024 * 1024;

export const SESSION_FILE_TOO_LARGE = `a session file larger than ${MAX_SESSION_FILE_BYTES / 1024 / 1024} MB is refused`;

/**
 * The largest HTTP request body. The biggest call is a session-file import, whose content travels
 * as one JSON string: escaping can at most double it (`"` and `\` become two characters; a session
 * file is JSON, so it holds no raw control characters), plus room for the rest of the call.
 */
export const MAX_REQUEST_BODY_BYTES = 2 * MAX_SESSION_FILE_BYTES + 1024 * 1024;

/** UTF-8 length of a string without encoding it (shared/ has no TextEncoder type). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
