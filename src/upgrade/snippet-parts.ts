// Pieces of the guide's fixes (templates/_check/*.hbs, rendered with the project's values) picked
// out by parse tree, so the code an edit inserts is the code `check` prints and the generator
// writes: an associated type of a config impl, a constant, a runtime API impl, a struct field.

import type { Node, RustParser, Tree } from '../rust/parser.js';
import { renderSnippet, type SnippetContext, type SnippetName } from '../guide/snippets.js';

export class SnippetParts {
  private readonly source: string;
  private readonly root: Node;
  private readonly tree: Tree;

  /** `statements`: the snippet is statements (node code), parsed inside a function. */
  constructor(parser: RustParser, name: SnippetName, context: SnippetContext, statements = false) {
    const text = renderSnippet(name, context);
    this.source = statements ? `fn snippet() {\n${text}\n}\n` : `${text}\n`;
    this.tree = parser.parse(this.source);
    this.root = this.tree.rootNode;
  }

  /** The first node of a kind whose `name` field (or text test) matches, anywhere in the snippet. */
  find(types: string | string[], test: (n: Node) => boolean = () => true): Node | undefined {
    return this.root.descendantsOfType(types).find((n): n is Node => n !== null && test(n));
  }

  /** An associated type (`type X = ..;`), a const or a type alias named `name`. */
  item(types: string | string[], name: string): Node | undefined {
    return this.find(types, (n) => n.childForFieldName('name')?.text === name);
  }

  /** A struct literal's field initializer named `name`. */
  field(name: string): Node | undefined {
    return this.find('field_initializer', (n) => n.childForFieldName('field')?.text === name);
  }

  /**
   * A node's text with the attributes and comments directly above it (no blank line between),
   * as the template writes it: tab-indented lines, the first at the node's own indentation.
   * The `// ..` placeholders of the fixes are not part of any item.
   */
  textWithLeading(node: Node): string {
    let start = node.startIndex;
    for (let p = node.previousSibling; p; p = p.previousSibling) {
      if (p.type !== 'attribute_item' && p.type !== 'line_comment' && p.type !== 'block_comment') break;
      if (/^\/\/\s*\.\.\s*$/.test(p.text)) break;
      const between = this.source.slice(p.endIndex, start);
      if ((between.match(/\n/g) ?? []).length > 1) break;
      start = p.startIndex;
    }
    const lineStart = this.source.lastIndexOf('\n', start - 1) + 1;
    return this.source.slice(lineStart, node.endIndex);
  }

  /** A node's text from the start of its line (no comments above it). */
  lineText(node: Node): string {
    return this.source.slice(this.source.lastIndexOf('\n', node.startIndex - 1) + 1, node.endIndex);
  }

  /** Frees the parse tree. */
  delete(): void {
    this.tree.delete();
  }

  text(node: Node): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }
}
