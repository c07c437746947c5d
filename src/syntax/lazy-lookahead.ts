// chevrotain's LL(k) lookahead, built when a decision is first taken instead
// of for every decision of the grammar when the parser is made. Making the
// .litmus parser computed all of them, about 20 ms of every start (issue 11),
// while one test takes only the few decisions its text reaches. The functions
// are chevrotain's own (LLkLookaheadStrategy), so parsing is unchanged; the
// grammar checks (`validate`) still run wherever validations are on.

import { type ILookaheadStrategy, LLkLookaheadStrategy } from 'chevrotain';

type Strategy = Required<ILookaheadStrategy>;
type AlternationOptions = Parameters<Strategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<Strategy['buildLookaheadForOptional']>[0];
type AlternationLookahead = ReturnType<Strategy['buildLookaheadForAlternation']>;
type OptionalLookahead = ReturnType<Strategy['buildLookaheadForOptional']>;

/**
 * A lookahead strategy for a chevrotain parser's `lookaheadStrategy` option:
 * LL(`maxLookahead`) as chevrotain's default, each decision's function built
 * on first use (chevrotain calls it with the parser as `this`, which is passed on).
 */
export function lazyLookahead(maxLookahead: number): ILookaheadStrategy {
  const llk = new LLkLookaheadStrategy({ maxLookahead });
  return {
    validate: (options) => llk.validate(options),
    buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
      let built: AlternationLookahead | undefined;
      return function (this: unknown, alternatives) {
        built ??= llk.buildLookaheadForAlternation(options);
        return built.call(this, alternatives);
      };
    },
    buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
      let built: OptionalLookahead | undefined;
      return function (this: unknown) {
        built ??= llk.buildLookaheadForOptional(options);
        return built.call(this);
      };
    },
  };
}
