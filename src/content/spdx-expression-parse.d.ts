/** spdx-expression-parse ships no types: the tree it returns, as src/content/licenses.ts reads it. */
declare module 'spdx-expression-parse' {
  type Tree =
    { license: string; plus?: true; exception?: string } | { left: Tree; conjunction: 'and' | 'or'; right: Tree }
  export default function parse(expression: string): Tree
}
