/**
 * `user.name` from the text of a git config file (`.git/config`), for New Post-Mortem on the web,
 * where git cannot run: the last `name` of a `[user]` section, as git reads it (quotes, escapes
 * and comments handled; includes and conditional sections are not followed).
 */
export function gitConfigUserName(text: string): string | undefined {
  let section = '';
  let name: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
    if (head) {
      section = head[1]!.toLowerCase();
      continue;
    }
    if (section !== 'user') continue;
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!kv || kv[1]!.toLowerCase() !== 'name' || kv[2] === undefined) continue;
    name = configValue(kv[2]);
  }
  return name && name.trim() !== '' ? name.trim() : undefined;
}

function configValue(v: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && i + 1 < v.length) {
      const n = v[++i]!;
      out += n === 't' ? '\t' : n === 'n' ? '\n' : n;
    } else if (!quoted && (c === '#' || c === ';')) break;
    else out += c;
  }
  return out.trim();
}
