// What a module exports to TypeScript, types included: `{ name: kinds }`
// for an entry file, read with the compiler API. The pack check compares a
// package's src/index.ts with the dist/index.d.ts it ships.
import ts from 'typescript';

const kinds: [ts.SymbolFlags, string][] = [
  [ts.SymbolFlags.Class, 'class'],
  [ts.SymbolFlags.Function, 'function'],
  [ts.SymbolFlags.Variable, 'variable'],
  [ts.SymbolFlags.Interface, 'interface'],
  [ts.SymbolFlags.TypeAlias, 'type'],
  [ts.SymbolFlags.Enum, 'enum'],
  [ts.SymbolFlags.Module, 'namespace'],
];

/**
 * The exports of each entry file, by entry, in one program. No @types
 * package is loaded unless an entry imports it: what a name is (a class, an
 * interface...) does not depend on them, and the program builds faster.
 */
export function declaredExports(entries: string[]): Record<string, Record<string, string>> {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    entries.map((entry) => {
      const source = program.getSourceFile(entry);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) throw new Error(`TypeScript could not read ${entry}`);
      const exported = checker
        .getExportsOfModule(module)
        .map((symbol) => {
          const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
          const kind = kinds.filter(([flag]) => target.flags & flag).map(([, name]) => name).join('+');
          return [symbol.name, kind || 'unknown'] as const;
        })
        .sort(([a], [b]) => a.localeCompare(b));
      return [entry, Object.fromEntries(exported)];
    }),
  );
}
