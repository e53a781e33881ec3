// Text from definitions and clusters as the terminal receives it: a control character (an ANSI
// escape that would recolour, move the cursor or retitle the window, a carriage return that
// would overwrite the line) is shown as its escape (`\u001b`) instead of acting.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(text: string): string {
  return text.replace(controlCharacters, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
