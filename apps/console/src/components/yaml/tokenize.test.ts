import { describe, expect, it } from 'vitest';
import { tokenizeYaml } from './tokenize.ts';

const kinds = (src: string) =>
  tokenizeYaml(src).map((line) =>
    line.filter((t) => t.kind !== 'text').map((t) => `${t.kind}:${t.text}`),
  );

describe('tokenizeYaml', () => {
  it('colours keys, numbers, strings, literals and comments', () => {
    expect(kinds('cpu:\n  cores: 2 # two\n  name: "x"\n  on: true')).toEqual([
      ['key:cpu', 'punct::'],
      ['punct:  ', 'key:cores', 'punct::', 'number:2', 'comment:# two'],
      ['punct:  ', 'key:name', 'punct::', 'string:"x"'],
      ['punct:  ', 'key:on', 'punct::', 'literal:true'],
    ]);
  });

  it('keeps block scalar lines as text, so "#cloud-config" is not a comment', () => {
    const lines = kinds('userData: |\n  #cloud-config\n  a: 1\nnext: x');
    expect(lines[1]).toEqual(['string:  #cloud-config']);
    expect(lines[2]).toEqual(['string:  a: 1']);
    expect(lines[3]).toEqual(['key:next', 'punct::', 'string:x']);
  });

  it('reconstructs the source exactly', () => {
    const src = '- kind: VirtualDisk\n  name: a # c\n---\nx: [1, 2]\n';
    const text = tokenizeYaml(src)
      .map((l) => l.map((t) => t.text).join(''))
      .join('\n');
    expect(text).toBe(src);
  });
});
