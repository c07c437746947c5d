// Compiles a .cat model (herd's language, the subset in grammar/cat.ebnf)
// into a CompiledModel the enumerator can ask about candidates.

import type { Budget } from '../limits.js';
import { LitmusError } from '../errors.js';
import type { CompiledModel, ExecutionSkeleton, PreparedModel } from './api.js';
import type { CatModelAst, CatPos } from './ast.js';
import { Compiler } from './compile.js';
import { checkModelDepth } from './depth.js';
import { PreparedCatModel } from './evaluate.js';
import type { IrModel } from './ir.js';
import { parseCat } from './parser.js';
import { requiresAtomicity, requiresCoherence } from './requirements.js';

export type IncludeResolver = (name: string, fromFile: string) => { source: string; file: string };

/**
 * Compiles a .cat model's text (herd's cat language, the subset of
 * grammar/cat.ebnf) once, for many candidates. `file` locates errors;
 * `resolveInclude` finds included files; `bell`, a bell file read before the
 * model (herd7's -bell: the sets and annotations the model then names);
 * `variants`, the run's variants (herd7's -variant), which `if "…"` tests.
 * Throws a LitmusError (located) for a model with errors.
 */
export function compileModel(
  source: string,
  file: string,
  resolveInclude?: IncludeResolver,
  bell?: { source: string; file: string },
  variants: readonly string[] = [],
): CompiledModel {
  const bellAst = bell && parseCat(bell.source, bell.file);
  const ast = parseCat(source, file);
  const compiler = new Compiler((name: string, pos: CatPos): { ast: CatModelAst; file: string } => {
    if (!resolveInclude) throw new LitmusError({ file: pos.file, pos, message: `cannot include '${name}': no include files are available here` });
    let included: { source: string; file: string };
    try {
      included = resolveInclude(name, pos.file);
    } catch (e) {
      const reason = e instanceof LitmusError ? e.diagnostics[0].message : `cannot find included file '${name}'`;
      throw new LitmusError({ file: pos.file, pos, message: reason });
    }
    return { ast: parseCat(included.source, included.file), file: included.file };
  }, new Set(variants));
  if (bell && bellAst) compiler.compileModel(bellAst, [bell.file]);
  compiler.compileModel(ast, [file]);
  const ir = compiler.finish();
  checkModelDepth(ir);
  const eventTags = compiler.tagUses.map(({ name, pos }) => ({ name, file: pos.file, pos: { line: pos.line, column: pos.column } }));
  return new CatModel(ast.title ?? baseName(file), ir, eventTags, [...compiler.variantsTested]);
}

/** A compiled model as plain, JSON-safe data: what `modelFromData` needs to rebuild it without parsing. */
export interface CompiledModelData {
  name: string;
  ir: IrModel;
  eventTags: CompiledModel['eventTags'];
}

/** The data of a model `compileModel` made (to store it); throws for a model of another kind. */
export function modelData(model: CompiledModel): CompiledModelData {
  if (!(model instanceof CatModel)) throw new Error('internal: only a compiled .cat model can be stored');
  return model.data();
}

/** A model from the data `modelData` gave: the same model, without parsing or compiling its text. */
export function modelFromData(data: CompiledModelData): CompiledModel {
  return new CatModel(data.name, data.ir, data.eventTags);
}

/** The title option of a model that takes lock events as reads and writes (CompiledModel.locksAsAccesses). */
export const LOCKS_AS_ACCESSES = 'locks-as-accesses';

class CatModel implements CompiledModel {
  readonly requiresCoherence: boolean;
  readonly requiresAtomicity: boolean;
  readonly locksAsAccesses: boolean;
  readonly annotations?: Readonly<Record<string, readonly string[]>>;

  constructor(
    readonly name: string,
    private readonly ir: IrModel,
    readonly eventTags: CompiledModel['eventTags'],
    readonly variantsTested: readonly string[] = [],
  ) {
    this.requiresAtomicity = requiresAtomicity(ir);
    // Read off the axioms: each lets the enumerator drop candidates early.
    this.requiresCoherence = requiresCoherence(ir);
    this.locksAsAccesses = ir.options?.includes(LOCKS_AS_ACCESSES) ?? false;
    if (ir.annotations) this.annotations = ir.annotations;
  }

  prepare(skeleton: ExecutionSkeleton, budget?: Budget): PreparedModel {
    return new PreparedCatModel(this.ir, skeleton, budget);
  }

  data(): CompiledModelData {
    return { name: this.name, ir: this.ir, eventTags: this.eventTags };
  }
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.cat$/, '');
}

export { parseCat } from './parser.js';
export { PreparedCatModel } from './evaluate.js';
