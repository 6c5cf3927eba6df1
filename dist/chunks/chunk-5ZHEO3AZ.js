import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-V43CEDMD.js";

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code2 === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code2 === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = opts.windows;
      const regex = isState ? picomatch.compileRe(glob, options) : picomatch.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix }));
    };
    picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);
    picomatch.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch.scan = (input, options) => scan(input, options);
    picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch.constants = constants;
    module.exports = picomatch;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch, pico);
    module.exports = picomatch;
  }
});

// src/core/util/hash.ts
var K = new Uint32Array([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var encoder = new TextEncoder();
function utf8(text) {
  return encoder.encode(text);
}
var w = new Uint32Array(64);
var h = new Uint32Array(8);
var rotr = (x, n) => x >>> n | x << 32 - n;
function sha256Hex(text) {
  digest(utf8(text));
  let out = "";
  for (let i = 0; i < 8; i++) out += h[i].toString(16).padStart(8, "0");
  return out;
}
function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function hmacSha256Hex(key, text) {
  let k = utf8(key);
  if (k.length > 64) k = sha256(k);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] ?? 0) ^ 54;
    outer[i] = (k[i] ?? 0) ^ 92;
  }
  const message = utf8(text);
  const first = new Uint8Array(64 + message.length);
  first.set(inner);
  first.set(message, 64);
  const second = new Uint8Array(64 + 32);
  second.set(outer);
  second.set(sha256(first), 64);
  return hex(sha256(second));
}
function sha256(bytes) {
  digest(bytes);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
  return out;
}
function digest(bytes) {
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array(bytes.length + 9 + 63 >> 6 << 6);
  padded.set(bytes);
  padded[bytes.length] = 128;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  h[0] = 1779033703;
  h[1] = 3144134277;
  h[2] = 1013904242;
  h[3] = 2773480762;
  h[4] = 1359893119;
  h[5] = 2600822924;
  h[6] = 528734635;
  h[7] = 1541459225;
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a2 = w[i - 15];
      const b2 = w[i - 2];
      const s0 = rotr(a2, 7) ^ rotr(a2, 18) ^ a2 >>> 3;
      const s1 = rotr(b2, 17) ^ rotr(b2, 19) ^ b2 >>> 10;
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    let a = h[0];
    let b = h[1];
    let c = h[2];
    let d = h[3];
    let e = h[4];
    let f = h[5];
    let g = h[6];
    let hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = e & f ^ ~e & g;
      const t1 = hh + S1 + ch + K[i] + w[i] | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = a & b ^ a & c ^ b & c;
      const t2 = S0 + maj | 0;
      hh = g;
      g = f;
      f = e;
      e = d + t1 | 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 | 0;
    }
    h[0] = h[0] + a;
    h[1] = h[1] + b;
    h[2] = h[2] + c;
    h[3] = h[3] + d;
    h[4] = h[4] + e;
    h[5] = h[5] + f;
    h[6] = h[6] + g;
    h[7] = h[7] + hh;
  }
}
var crcTable;
function crc32(text) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 4294967295;
  for (const byte of utf8(text)) crc = crcTable[(crc ^ byte) & 255] ^ crc >>> 8;
  return (crc ^ 4294967295) >>> 0;
}
var BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(value, width) {
  let out = "";
  let v = value;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}

// src/core/rules/identifiable.ts
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function seedHalves(name) {
  let high = 0;
  let low = 0;
  for (let i = 0; i < 4; i++) high = (high << 8 | name.charCodeAt(i)) >>> 0;
  for (let i = 4; i < 8; i++) low = (low << 8 | name.charCodeAt(i)) >>> 0;
  return [low, high];
}
var rotl = (v, n) => (v << n | v >>> 32 - n) >>> 0;
function marvin32(data, seed, length = data.length) {
  let [p0, p1] = seedHalves(seed);
  const block = () => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = p0 + p1 >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = p0 + p1 >>> 0;
    p1 = rotl(p1, 19);
  };
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    p0 = p0 + ((data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24) >>> 0) >>> 0;
    block();
  }
  let tail = 128;
  const rest = length - i;
  for (let k = rest - 1; k >= 0; k--) tail = (tail << 8 | data[i + k]) >>> 0;
  p0 = p0 + tail >>> 0;
  block();
  block();
  return (p0 ^ p1) >>> 0;
}
function base64Bytes(text) {
  const body = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1) return void 0;
  const out = new Uint8Array(Math.floor(body.length * 6 / 8));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    value = (value << 6 | B64.indexOf(body[i])) & 16777215;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = value >>> bits & 255;
    }
  }
  return out;
}
function toBase64(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const v = a << 16 | (b ?? 0) << 8 | (c ?? 0);
    out += `${B64[v >>> 18 & 63]}${B64[v >>> 12 & 63]}${b === void 0 ? "=" : B64[v >>> 6 & 63]}${c === void 0 ? "=" : B64[v & 63]}`;
  }
  return out;
}
var le32 = (v) => new Uint8Array([v & 255, v >>> 8 & 255, v >>> 16 & 255, v >>> 24 & 255]);
function base62OfBytes(bytes) {
  let digits = [...bytes];
  let zeros = 0;
  while (zeros < digits.length - 1 && digits[zeros] === 0) zeros++;
  let out = "";
  while (digits.length > 0) {
    const quotient = [];
    let remainder = 0;
    for (const d of digits) {
      const acc = d + remainder * 256;
      const q = Math.floor(acc / 62);
      remainder = acc % 62;
      if (quotient.length > 0 || q > 0) quotient.push(q);
    }
    out = B62[remainder] + out;
    digits = quotient;
  }
  return "0".repeat(zeros) + out;
}
var IDENTIFIABLE_SEEDS = {
  "+ASt": ["Default0"],
  ACDb: ["MastRW00", "MastRO00", "SysAll00", "Resour00", "SystRO00", "SystRW00", "Encryp00"],
  "+ASb": ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"],
  "+AEh": ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"],
  "+ARm": ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"],
  "+ABa": ["AbAcct00"],
  "+AMC": ["Classic0"],
  AzFu: ["Functi00", "Master00", "System00"],
  AzCa: ["Access00"],
  AzSe: ["Query000", "PAdmin00"],
  "+ACR": ["ACRDflt0"],
  AIoT: ["IoTHub00", "DpsKey00", "Device00"],
  APIM: ["Tenant00", "IoTHub00", "Gatewy00", "GitKey00"]
};
function hasValidIdentifiableChecksum(key, seeds) {
  const bytes = base64Bytes(key);
  if (!bytes || bytes.length < 8) return false;
  const n = bytes.length - 4;
  const stored = (bytes[n] | bytes[n + 1] << 8 | bytes[n + 2] << 16 | bytes[n + 3] << 24) >>> 0;
  return seeds.some((seed) => marvin32(bytes, seed, n) === stored);
}
function hasValidCaskChecksum(key) {
  if (key.length !== 84 && key.length !== 88) return false;
  const bytes = base64Bytes(key.slice(0, 80));
  if (!bytes) return false;
  const sum = marvin32(bytes, "Default0", 60);
  const given = key.slice(80).replace(/=+$/, "");
  const candidates = [toBase64(le32(sum)), base62OfBytes(le32(sum)), base62OfBytes(le32(sum).reverse())];
  return candidates.some((c) => c.replace(/=+$/, "").startsWith(given));
}
var SIGNATURE_OFFSET = { 88: 76, 56: 44, 52: 42, 44: 33 };
function isBrokenMicrosoftKey(value) {
  if ((value.length === 84 || value.length === 88) && /^[A-Za-z0-9]{52}JQQJ9[9DH]/.test(value)) {
    return !hasValidCaskChecksum(value);
  }
  const offset = SIGNATURE_OFFSET[value.length];
  if (offset === void 0) return false;
  const seeds = IDENTIFIABLE_SEEDS[value.slice(offset, offset + 4).replace(/-/g, "+")];
  return seeds !== void 0 && !hasValidIdentifiableChecksum(value, seeds);
}

// src/core/rules/fake.ts
var ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
var BASE64 = `${ALNUM}+/`;
var BASE64URL = `${ALNUM}-_`;
var HEX = "0123456789abcdef";

// src/core/rules/define.ts
var DEFAULT_EDGE = "A-Za-z0-9_-";
function tokenRule(spec) {
  const edge = spec.edge ?? DEFAULT_EDGE;
  return {
    id: spec.id,
    title: spec.title,
    keywords: spec.keywords,
    pattern: new RegExp(edge ? `(?<![${edge}])(?:${spec.token})(?![${edge}])` : spec.token, spec.flags ?? ""),
    window: { before: spec.keywordOffset ?? 0, after: spec.maxLength + 2 },
    startsBeforeKeyword: true,
    minEntropy: spec.minEntropy ?? 3,
    ...spec.validate ? { validate: spec.validate } : {},
    ...spec.atKeyword ? { atKeyword: spec.atKeyword } : {},
    ...spec.reference ? { reference: spec.reference } : {},
    remediation: spec.remediation ?? `Revoke the token in ${spec.provider} and issue a new one; check its audit log for use.`
  };
}
function named(spec) {
  const names = spec.names.map((n) => n.replace(/[.]/g, "\\.")).join("|");
  return {
    id: spec.id,
    title: spec.title,
    provider: spec.provider,
    keywords: spec.names,
    token: `(?:${names})[A-Za-z0-9_.-]{0,30}?(?:${spec.what})[A-Za-z0-9_]{0,12}["'\\]]{0,2}\\s*(?::=|=>|[:=,])\\s*["']?(?<secret>${spec.value})(?![A-Za-z0-9])`,
    // A name may sit inside a longer one (`MY_DATADOG_API_KEY`, `prodAlgoliaKey`).
    edge: "",
    flags: "i",
    maxLength: 60 + spec.maxValueLength,
    minEntropy: spec.minEntropy ?? 3,
    ...spec.reference ? { reference: spec.reference } : {},
    ...spec.remediation ? { remediation: spec.remediation } : {},
    fake: (f) => `${spec.exampleName} = "${spec.fake(f)}"`
  };
}

// src/core/rules/ai.ts
var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
var specs = [
  {
    id: "huggingface-token",
    title: "Hugging Face access token",
    provider: "Hugging Face",
    keywords: ["hf_", "api_org_"],
    token: "hf_[A-Za-z]{34}|api_org_[A-Za-z]{34}",
    maxLength: 42,
    minEntropy: 3.5,
    reference: "https://huggingface.co/docs/hub/security-tokens",
    fake: (f) => `hf_${f.chars(LETTERS, 34)}`
  },
  {
    id: "groq-api-key",
    title: "Groq API key",
    provider: "Groq",
    keywords: ["gsk_"],
    token: "gsk_[A-Za-z0-9]{52}",
    maxLength: 56,
    fake: (f) => `gsk_${f.chars(ALNUM, 52)}`
  },
  {
    id: "replicate-api-token",
    title: "Replicate API token",
    provider: "Replicate",
    keywords: ["r8_"],
    token: "r8_[A-Za-z0-9]{37}",
    maxLength: 40,
    fake: (f) => `r8_${f.chars(ALNUM, 37)}`
  },
  {
    id: "perplexity-api-key",
    title: "Perplexity API key",
    provider: "Perplexity",
    keywords: ["pplx-"],
    token: "pplx-[A-Za-z0-9]{48}",
    maxLength: 53,
    reference: "https://docs.perplexity.ai/guides/api-key-management",
    fake: (f) => `pplx-${f.chars(ALNUM, 48)}`
  },
  {
    id: "xai-api-key",
    title: "xAI API key",
    provider: "xAI",
    keywords: ["xai-"],
    token: "xai-[A-Za-z0-9]{80}",
    maxLength: 84,
    fake: (f) => `xai-${f.chars(ALNUM, 80)}`
  },
  {
    id: "openrouter-api-key",
    title: "OpenRouter API key",
    provider: "OpenRouter",
    keywords: ["sk-or-v1-"],
    token: "sk-or-v1-[a-f0-9]{64}",
    maxLength: 73,
    fake: (f) => `sk-or-v1-${f.chars(HEX, 64)}`
  },
  {
    id: "langsmith-api-key",
    title: "LangSmith API key",
    provider: "LangChain",
    keywords: ["lsv2_pt_", "lsv2_sk_"],
    token: "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}",
    maxLength: 51,
    fake: (f) => `lsv2_pt_${f.chars(HEX, 32)}_${f.chars(HEX, 10)}`
  },
  {
    id: "pinecone-api-key",
    title: "Pinecone API key",
    provider: "Pinecone",
    keywords: ["pcsk_"],
    token: "pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80}",
    maxLength: 94,
    fake: (f) => `pcsk_${f.chars(ALNUM, 6)}_${f.chars(ALNUM, 63)}`
  },
  {
    id: "elevenlabs-api-key",
    title: "ElevenLabs API key",
    provider: "ElevenLabs",
    keywords: ["sk_"],
    token: "sk_[a-f0-9]{48}",
    maxLength: 51,
    fake: (f) => `sk_${f.chars(HEX, 48)}`
  },
  {
    id: "fireworks-api-key",
    title: "Fireworks AI API key",
    provider: "Fireworks AI",
    keywords: ["fw_"],
    token: "fw_[A-Za-z0-9]{24}",
    maxLength: 27,
    minEntropy: 3.5,
    fake: (f) => `fw_${f.chars(ALNUM, 24)}`
  },
  {
    id: "cerebras-api-key",
    title: "Cerebras API key",
    provider: "Cerebras",
    keywords: ["csk-"],
    token: "csk-[a-z0-9]{48}",
    maxLength: 52,
    fake: (f) => `csk-${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 48)}`
  },
  named({
    id: "cohere-api-key",
    title: "Cohere API key",
    provider: "Cohere",
    names: ["cohere", "co_api"],
    what: "key|token",
    value: "[A-Za-z0-9]{40}",
    maxValueLength: 40,
    exampleName: "COHERE_API_KEY",
    fake: (f) => f.chars(ALNUM, 40)
  }),
  named({
    id: "mistral-api-key",
    title: "Mistral AI API key",
    provider: "Mistral AI",
    names: ["mistral"],
    what: "key|token",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "MISTRAL_API_KEY",
    fake: (f) => f.chars(ALNUM, 32)
  }),
  named({
    id: "deepseek-api-key",
    title: "DeepSeek API key",
    provider: "DeepSeek",
    names: ["deepseek"],
    what: "key|token",
    value: "sk-[a-f0-9]{32}",
    maxValueLength: 35,
    exampleName: "DEEPSEEK_API_KEY",
    fake: (f) => `sk-${f.chars(HEX, 32)}`
  }),
  named({
    id: "together-api-key",
    title: "Together AI API key",
    provider: "Together AI",
    names: ["together"],
    what: "key|token",
    value: "(?:tgp_v1_)?[A-Za-z0-9_-]{43,64}",
    maxValueLength: 72,
    exampleName: "TOGETHER_API_KEY",
    reference: "https://docs.together.ai/docs/multiple-api-keys",
    fake: (f) => `tgp_v1_${f.chars(BASE64URL, 43)}`
  }),
  named({
    id: "wandb-api-key",
    title: "Weights & Biases API key",
    provider: "Weights & Biases",
    names: ["wandb"],
    what: "key|token",
    value: "[a-f0-9]{40}",
    maxValueLength: 40,
    exampleName: "WANDB_API_KEY",
    fake: (f) => f.chars(HEX, 40)
  })
];
var rules = [
  {
    id: "openai-api-key",
    title: "OpenAI API key",
    keywords: ["t3blbkfj", "sk-proj-", "sk-svcacct-", "sk-admin-"],
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,250}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://platform.openai.com/docs/api-reference/authentication",
    remediation: "Revoke the key in the OpenAI platform (API keys) and review usage."
  },
  {
    id: "anthropic-api-key",
    title: "Anthropic API key",
    keywords: ["sk-ant-"],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://docs.anthropic.com/en/api/overview",
    remediation: "Disable the key in the Anthropic Console (API keys) and review usage."
  },
  ...specs.map(tokenRule)
];

// src/core/rules/aws.ts
var REMEDIATION = "Deactivate and delete the access key in IAM, then check CloudTrail for its use.";
var rules2 = [
  {
    id: "aws-access-key-id",
    title: "AWS access key ID",
    keywords: ["akia", "asia", "abia", "acca"],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/,
    minEntropy: 3,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    remediation: REMEDIATION
  },
  {
    id: "aws-secret-access-key",
    title: "AWS secret access key",
    keywords: [
      "secret_access_key",
      "secretaccesskey",
      "secret-access-key",
      "aws_secret",
      "awssecret",
      "aws-secret",
      "akia",
      "asia"
    ],
    pattern: /(?:secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?)["']?\s*(?::=|=>|[:=]|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])|(?:AKIA|ASIA)[A-Z2-7]{16}["']?\s*[,:]\s*["']?(?<secret2>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    minEntropy: 4,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    remediation: REMEDIATION
  },
  {
    id: "aws-session-token",
    title: "AWS temporary session token",
    // STS session tokens are base64 of a structure whose first bytes encode to these prefixes.
    keywords: ["iqojb3jpz2lux2vj", "fwogzxivyxdz", "fqogzxivyxdz"],
    pattern: /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/]{100,1500}={0,2}(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
    remediation: "Revoke the role's active sessions (IAM \u2192 Roles \u2192 Revoke sessions); the token expires on its own."
  }
];

// src/core/rules/known.ts
var EMULATOR_KEYS = [
  ["0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059", 88],
  // Azurite (devstoreaccount1)
  ["aa6547439583c3a275d4542a0df6c1ad6a863971be9f2a2220f027cc02aef615", 88]
  // Cosmos DB emulator
];
var DOCUMENTED_EXAMPLES = [
  ["2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326", 32],
  // Stripe's docs key
  ["7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606", 155],
  // jwt.io's token
  ["78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598", 40]
  // AWS's example secret
];
var emulator = new Set(EMULATOR_KEYS.map(([d]) => d));
var all = new Set([...EMULATOR_KEYS, ...DOCUMENTED_EXAMPLES].map(([d]) => d));
var lengths = new Set([...EMULATOR_KEYS, ...DOCUMENTED_EXAMPLES].map(([, n]) => n));
function isWellKnownEmulatorKey(value) {
  return value.length === 88 && emulator.has(sha256Hex(value));
}
function isKnownPublicValue(value) {
  return lengths.has(value.length) && all.has(sha256Hex(value));
}

// src/core/rules/azure.ts
var B642 = "[A-Za-z0-9+/]";
var NOT_B64_BEFORE = "(?<![A-Za-z0-9+/])";
var NOT_B64_AFTER = "(?![A-Za-z0-9+/=])";
var KEY_REMEDIATION = "Regenerate the key at the resource (rotate the secondary first, switch consumers, then the primary).";
function identifiable88(sig) {
  return new RegExp(`${NOT_B64_BEFORE}${B642}{76}${sig.replace("+", "\\+")}${B642}{5}[AQgw]==${NOT_B64_AFTER}`);
}
function identifiable44(sig) {
  return new RegExp(
    `${NOT_B64_BEFORE}${B642}{33}${sig.replace("+", "\\+")}${B642}{5}[AEIMQUYcgkosw048]=${NOT_B64_AFTER}`
  );
}
var notEmulator = ({ secret }) => !isWellKnownEmulatorKey(secret);
function identifiableChecksum(sig, offset, length) {
  const seeds = IDENTIFIABLE_SEEDS[sig] ?? [];
  return ({ secret }) => secret.length !== length || secret.slice(offset, offset + 4) !== sig || hasValidIdentifiableChecksum(secret, seeds);
}
function keyCheck(sig, offset, length) {
  const checksum = identifiableChecksum(sig, offset, length);
  return (ctx) => notEmulator(ctx) && checksum(ctx);
}
var rules3 = [
  {
    id: "azure-cosmosdb-connection-string",
    title: "Azure Cosmos DB connection string",
    keywords: ["accountendpoint="],
    pattern: new RegExp(
      `AccountEndpoint\\s*=\\s*https://[^;\\s"']+;\\s*AccountKey\\s*=\\s*(?<secret>${B642}{86}==)`,
      "i"
    ),
    validate: notEmulator,
    reference: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-cosmosdb-key",
    title: "Azure Cosmos DB account key",
    keywords: ["acdb", "cosmos"],
    pattern: new RegExp(
      `${identifiable88("ACDb").source}|cosmos[A-Za-z0-9_.-]{0,40}key[A-Za-z0-9_]{0,40}["']?\\s*[:=]\\s*["']?(?<secret>${B642}{86}==)`,
      "i"
    ),
    validate: keyCheck("ACDb", 76, 88),
    reference: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-storage-account-key",
    title: "Azure Storage account key",
    keywords: ["+ast", "accountkey", "account_key", "account-key", "storagekey", "storage_key", "storage-key"],
    pattern: new RegExp(
      `${identifiable88("+ASt").source}|(?:account|storage)[_.-]?(?:access[_.-]?)?key[A-Za-z0-9_]{0,40}["']?\\s*(?:[:=]|=>)\\s*["']?(?<secret>${B642}{86}==)`,
      "i"
    ),
    validate: keyCheck("+ASt", 76, 88),
    reference: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-sas-token",
    title: "Azure shared access signature",
    keywords: ["sig="],
    pattern: /(?<![A-Za-z0-9])sig=(?<secret>[A-Za-z0-9%+/]{30,120}?(?:%3[dD]|=){0,2})(?=[&"'\s<>;`\\)]|$)/,
    minEntropy: 3.5,
    // A `sig` parameter is a SAS only next to the SAS version, expiry or permissions.
    validate: ({ line }) => /(?:^|[?&;"'\s])(?:sv|se|sp|spr|srt|ss|skn)=/.test(line),
    reference: "https://learn.microsoft.com/azure/storage/common/storage-sas-overview",
    remediation: "Revoke the SAS: rotate the key that signed it, or delete its stored access policy."
  },
  {
    id: "azure-entra-client-secret",
    title: "Microsoft Entra ID client secret",
    keywords: ["q~"],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
    remediation: "Delete the secret from the app registration's Certificates & secrets; prefer a federated credential."
  },
  {
    id: "azure-servicebus-connection-string",
    title: "Azure Service Bus / Event Hubs / Relay / IoT Hub shared access key",
    keywords: ["sharedaccesskey=", 'sharedaccesskey"', "sharedaccesskey'", "sharedaccesskey ="],
    pattern: new RegExp(`SharedAccessKey["']?\\s*[:=]\\s*["']?(?<secret>${B642}{42,43}=)${NOT_B64_AFTER}`, "i"),
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas",
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-servicebus-key",
    title: "Azure Service Bus identifiable key",
    keywords: ["+asb"],
    pattern: identifiable44("+ASb"),
    validate: identifiableChecksum("+ASb", 33, 44),
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-eventhubs-key",
    title: "Azure Event Hubs identifiable key",
    keywords: ["+aeh"],
    pattern: identifiable44("+AEh"),
    validate: identifiableChecksum("+AEh", 33, 44),
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-relay-key",
    title: "Azure Relay identifiable key",
    keywords: ["+arm"],
    pattern: identifiable44("+ARm"),
    validate: identifiableChecksum("+ARm", 33, 44),
    remediation: KEY_REMEDIATION
  },
  {
    id: "azure-app-configuration-connection-string",
    title: "Azure App Configuration connection string",
    keywords: ["azconfig.io"],
    pattern: /Endpoint=https:\/\/[A-Za-z0-9-]+\.azconfig\.io\/?;\s*Id=[^;\s"']+;\s*Secret=(?<secret>[A-Za-z0-9+/]{30,90}={0,2})/i,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication",
    remediation: "Regenerate the access key in the store's Access settings; prefer Entra ID authentication."
  },
  {
    id: "azure-devops-pat",
    title: "Azure DevOps personal access token",
    keywords: ["azdo"],
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4}(?:[A-Za-z0-9]{2}==)?(?![A-Za-z0-9+/=])/,
    validate: ({ secret }) => hasValidCaskChecksum(secret),
    reference: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
    remediation: "Revoke the PAT in Azure DevOps (User settings \u2192 Personal access tokens)."
  },
  {
    id: "azure-devops-pat-legacy",
    title: "Azure DevOps personal access token (legacy format)",
    keywords: [
      "dev.azure.com",
      "visualstudio.com",
      "devops",
      "_pat",
      "pat_",
      "pat=",
      "pat:",
      'pat"',
      "pat'",
      "pat ",
      "personalaccesstoken",
      "personal_access_token",
      "ado_",
      "ado-"
    ],
    pattern: /(?<![A-Za-z0-9])(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])/,
    minEntropy: 4,
    remediation: "Revoke the PAT in Azure DevOps (User settings \u2192 Personal access tokens)."
  },
  {
    id: "azure-functions-key",
    title: "Azure Functions key",
    keywords: ["azfu", "x-functions-key", "azurewebsites.net"],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==|x-functions-key["']?\s*[:=,]\s*["']?(?<secret>[A-Za-z0-9_/+-]{40,100}={0,2})|azurewebsites\.net\/[^\s"'<>?]{0,300}\?(?:[^\s"'<>]{0,500}&)?code=(?<secret2>[A-Za-z0-9_%/+-]{30,120}(?:%3D|=){0,2})/i,
    minEntropy: 3.5,
    validate: identifiableChecksum("AzFu", 44, 56),
    reference: "https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",
    remediation: "Renew the function or host key in the function app's App keys."
  },
  {
    id: "azure-apim-subscription-key",
    title: "Azure API Management subscription key",
    keywords: ["apim", "subscription-key", "subscription_key", "subscriptionkey"],
    pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==|(?:ocp-apim-subscription-key|subscription[-_]?key)["']?\s*[:=,]\s*["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    validate: identifiableChecksum("APIM", 76, 88),
    reference: "https://learn.microsoft.com/azure/api-management/api-management-subscriptions",
    remediation: "Regenerate the subscription's primary or secondary key in API Management."
  },
  {
    id: "azure-container-registry-password",
    title: "Azure Container Registry password",
    keywords: ["+acr", "azurecr.io"],
    pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9+/]{6}(?![A-Za-z0-9+/=])|azurecr\.io\b.{0,200}?\s(?:-p|--password)[ =]["']?(?<secret>[A-Za-z0-9+/=]{32,200})/,
    minEntropy: 3.5,
    validate: identifiableChecksum("+ACR", 42, 52),
    reference: "https://learn.microsoft.com/azure/container-registry/container-registry-authentication",
    remediation: "Regenerate the registry's admin password or token password; prefer managed identity pulls."
  },
  {
    id: "azure-legacy-64-byte-key",
    title: "64-byte key in base64 (the legacy format of Azure Storage, Cosmos DB, Batch \u2026 keys)",
    // Found by its shape alone, whatever it is called: 86 base64 characters and `==`.
    keywords: ["=="],
    pattern: /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=_-])/,
    window: { before: 86, after: 4 },
    startsBeforeKeyword: true,
    atKeyword: (text, start) => start >= 86 && /^[A-Za-z0-9+/]{86}$/.test(text.slice(start - 86, start)) && // Not a digest, a signature or a per-session form token under its own name.
    !/(?:sha512|sha-512|integrity|digest|signature|hash|authenticity|csrf|xsrf|nonce|verification)[\w"':=\s-]*$/i.test(
      text.slice(Math.max(0, start - 130), start - 86)
    ),
    minEntropy: 4.8,
    // Random bytes, not base64 of text: most decoded bytes are not printable ASCII.
    validate: (ctx) => {
      const raw = atob(ctx.secret);
      let binary = 0;
      for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) < 32 || raw.charCodeAt(i) > 126) binary++;
      return binary >= 16 && notEmulator(ctx) && !isBrokenMicrosoftKey(ctx.secret);
    },
    reference: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
    remediation: KEY_REMEDIATION
  },
  {
    id: "sql-server-connection-string",
    title: "SQL Server / Azure SQL connection string password",
    keywords: ["password=", "pwd=", "password =", "pwd ="],
    pattern: /(?<![A-Za-z0-9_])(?:Password|Pwd)\s*=\s*(?<secret>\{[^}\r\n]{3,200}\}|[^;"'`\s<>{}][^;"'`\r\n<>]{2,200}?)\s*(?=;|"|'|`|<|$)/i,
    // A connection string names a server; without one this is a generic assignment.
    validate: ({ line, secret }) => /(?:server|data source|address|addr|network address|host|dsn|driver|dbq)\s*=\s*[^;\s"']/i.test(line) && line.includes(";") && !(/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(secret) && !/\d/.test(secret)),
    // `settings.password` is code
    reference: "https://learn.microsoft.com/sql/connect/ado-net/connection-string-syntax",
    remediation: "Change the login's password on the server (ALTER LOGIN); prefer Entra ID authentication."
  }
];

// src/core/rules/azure-services.ts
var KEY_REMEDIATION2 = "Regenerate the key at the resource (secondary first, switch consumers, then primary).";
var B622 = "[A-Za-z0-9]";
function cask(provider) {
  return new RegExp(
    `(?<![A-Za-z0-9])${B622}{52}JQQJ9[9DH]${B622}[A-L]${B622}{12}${provider}${B622}{4}(?:${B622}{2}==)?(?![A-Za-z0-9+/=])`
  );
}
function identifiable(sig, offset, tail) {
  return `(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{${offset}}${sig.replace("+", "\\+")}${tail}(?![A-Za-z0-9+/=_-])`;
}
var GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
var POWER_BI_CONTEXT = /power[\s_.-]?bi|embed[\s_.-]?token|embedurl|accesstoken[^\n]{0,80}tokentype/i;
function isBase64Key(value) {
  let decoded;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false;
  }
  return /^[A-Za-z0-9+/]{43,}={0,2}$/.test(decoded) && decoded.length % 4 === 0;
}
var CASK_WINDOW = { before: 56, after: 40 };
var caskValid = ({ secret }) => hasValidCaskChecksum(secret);
var CASK = [
  ["azure-openai-key", "Azure OpenAI key", "AAABACOG", "AAABACOG"],
  [
    "azure-ai-services-key",
    "Azure AI services key (Cognitive Services, Speech, Translator, Vision, Language, Bing \u2026)",
    "AAA[A-Za-z0-9]ACOG",
    "AAAYACOG"
  ],
  ["azure-event-grid-key", "Azure Event Grid access key", "AAAAAZEG", "AAAAAZEG"],
  ["azure-app-configuration-key", "Azure App Configuration access key", "AAAAAZAC", "AAAAAZAC"],
  ["azure-maps-key", "Azure Maps key", "AAAAAZMP", "AAAAAZMP"],
  ["azure-communication-services-key", "Azure Communication Services key", "AAAAAZCS", "AAAAAZCS"],
  ["azure-mixed-reality-key", "Azure Mixed Reality key", "AAAAAZMR", "AAAAAZMR"],
  ["azure-fluid-relay-key", "Azure Fluid Relay key", "AAAAAZFR", "AAAAAZFR"],
  ["azure-sql-key", "Azure SQL common annotated key", "AAAAmsql", "AAAAmsql"]
];
var rules4 = [
  ...CASK.map(
    ([id, title, provider]) => ({
      id,
      title,
      keywords: ["jqqj9"],
      pattern: cask(provider),
      window: CASK_WINDOW,
      startsBeforeKeyword: true,
      validate: caskValid,
      reference: "https://github.com/microsoft/security-utilities",
      remediation: KEY_REMEDIATION2
    })
  ),
  {
    id: "azure-event-grid-identifiable-key",
    title: "Azure Event Grid access key",
    keywords: ["azeg"],
    pattern: new RegExp(identifiable("AZEG", 33, "[A-P][A-Za-z0-9+/]{5}=")),
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/event-grid/security-authentication",
    remediation: KEY_REMEDIATION2
  },
  {
    id: "azure-batch-key",
    title: "Azure Batch account key",
    keywords: ["+aba", "batch"],
    window: { before: 80, after: 340 },
    startsBeforeKeyword: true,
    pattern: new RegExp(
      `${identifiable("+ABa", 76, "[A-Za-z0-9+/]{5}[AQgw]==")}|batch[A-Za-z0-9_.-]{0,30}key[A-Za-z0-9_]{0,20}["']?\\s*(?:[:=]|=>)\\s*["']?(?<secret>[A-Za-z0-9+/]{86}==)|az batch [^\\n]{0,200}--account-key[= ]["']?(?<secret2>[A-Za-z0-9+/]{86}==)`,
      "i"
    ),
    validate: identifiableChecksum("+ABa", 76, 88),
    reference: "https://learn.microsoft.com/azure/batch/security-best-practices",
    remediation: KEY_REMEDIATION2
  },
  {
    id: "azure-ml-classic-key",
    title: "Azure Machine Learning web service (classic) key",
    keywords: ["+amc"],
    pattern: new RegExp(identifiable("+AMC", 76, "[A-Za-z0-9+/]{5}[AQgw]==")),
    validate: identifiableChecksum("+AMC", 76, 88),
    remediation: KEY_REMEDIATION2
  },
  {
    id: "azure-cache-for-redis-key",
    title: "Azure Cache for Redis access key",
    keywords: ["azca", ".redis.cache.windows.net", ".redis.azure.net", ".redis.cache.chinacloudapi.cn"],
    pattern: new RegExp(
      `${identifiable("AzCa", 33, "[A-P][A-Za-z0-9+/]{5}=")}|[A-Za-z0-9-]{1,63}\\.redis\\.(?:cache\\.windows\\.net|azure\\.net|cache\\.chinacloudapi\\.cn|cache\\.usgovcloudapi\\.net)(?::\\d{2,5})?\\s*,[^"'\\n]{0,200}?\\bpassword\\s*=\\s*(?<secret>[^,;\\s"']{20,100})`,
      "i"
    ),
    minEntropy: 3.5,
    validate: identifiableChecksum("AzCa", 33, 44),
    reference: "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure",
    remediation: "Regenerate the cache's access key; prefer Entra ID authentication."
  },
  {
    id: "azure-iot-key",
    title: "Azure IoT Hub / Device Provisioning / device key",
    keywords: ["aiot"],
    pattern: new RegExp(identifiable("AIoT", 33, "[A-P][A-Za-z0-9+/]{5}=")),
    validate: identifiableChecksum("AIoT", 33, 44),
    reference: "https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-sas",
    remediation: KEY_REMEDIATION2
  },
  {
    id: "azure-search-key",
    title: "Azure AI Search admin or query key",
    keywords: ["azse", "search"],
    window: { before: 64, after: 160 },
    startsBeforeKeyword: true,
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}(?![A-Za-z0-9+/=_-])|(?:azure[_.-]?search|search[_.-]?(?:service|admin|query|api))[A-Za-z0-9_.-]{0,20}key["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[A-Za-z0-9]{32}|[A-Za-z0-9]{52})(?![A-Za-z0-9])/i,
    minEntropy: 3,
    validate: identifiableChecksum("AzSe", 42, 52),
    reference: "https://learn.microsoft.com/azure/search/search-security-api-keys",
    remediation: "Regenerate the admin key (or delete the query key) in the search service's Keys."
  },
  {
    id: "azure-access-key-connection-string",
    title: "Azure SignalR / Web PubSub / Communication Services access key",
    keywords: ["accesskey="],
    pattern: /Endpoint\s*=\s*(?:https?|wss?):\/\/[^;\s"']+;\s*(?:[A-Za-z]+\s*=\s*[^;\s"']*;\s*)?AccessKey\s*=\s*(?<secret>[A-Za-z0-9+/]{40,90}={0,2})/i,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/azure/azure-signalr/signalr-howto-authorize-application",
    remediation: "Regenerate the resource's access key; prefer Entra ID (managed identity) authentication."
  },
  {
    id: "azure-databricks-token",
    title: "Azure Databricks personal access token",
    keywords: ["dapi"],
    pattern: /(?<![A-Za-z0-9_-])dapi[0-9a-f]{32}(?:-\d)?(?![A-Za-z0-9_-])/,
    minEntropy: 3,
    reference: "https://learn.microsoft.com/azure/databricks/dev-tools/auth/pat",
    remediation: "Revoke the token in the workspace (User settings \u2192 Developer \u2192 Access tokens)."
  },
  {
    id: "microsoft-teams-webhook-url",
    title: "Microsoft Teams / Office 365 incoming webhook URL",
    keywords: ["webhook.office.com", "outlook.office.com/webhook", "outlook.office365.com/webhook"],
    pattern: /https:\/\/(?:[A-Za-z0-9-]+\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?:\/[A-Za-z0-9_-]{20,80})?/i,
    reference: "https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
    remediation: "Remove the connector or workflow from the channel and create a new one."
  },
  {
    // A streaming (push) dataset's push URL: the `key` parameter alone lets anyone write rows.
    id: "powerbi-push-url-key",
    title: "Power BI streaming dataset push URL key",
    keywords: ["api.powerbi.com/beta/"],
    window: { before: 8, after: 400 },
    pattern: new RegExp(
      `https://api\\.powerbi\\.com/beta/${GUID}/datasets/${GUID}/rows\\?(?:[A-Za-z0-9_.-]+=[^&\\s"'#]*&){0,4}key=(?<secret>(?:[A-Za-z0-9+/=]|%[0-9A-Fa-f]{2}){40,200})`,
      "i"
    ),
    minEntropy: 3,
    validate: ({ secret }) => isBase64Key(secret),
    reference: "https://learn.microsoft.com/power-bi/connect-data/service-real-time-streaming",
    remediation: "Delete the streaming dataset (or recreate it) so the leaked push URL stops accepting rows, and keep the new URL in a secret store."
  },
  {
    // `GenerateToken` returns a gzip-compressed, base64-encoded token (gzip's header is `H4sI…`);
    // a gzip blob is only this token beside a Power BI name, so the line must say so.
    id: "powerbi-embed-token",
    title: "Power BI embed token",
    keywords: ["h4siaaaaaaae"],
    window: { before: 0, after: 12100 },
    startsBeforeKeyword: true,
    pattern: /(?<![A-Za-z0-9+/])H4sIAAAAAAAE[A-Za-z0-9+/]{200,12000}={0,2}(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    validate: ({ line }) => POWER_BI_CONTEXT.test(line),
    reference: "https://learn.microsoft.com/power-bi/developer/embedded/generate-embed-token",
    remediation: "Embed tokens expire (an hour by default): stop publishing this one, generate tokens server-side per session with a short lifetimeInMinutes, and rotate the service principal's secret if it leaked too."
  },
  {
    id: "azure-cognitive-services-legacy-key",
    title: "Azure AI services key (legacy 32-character)",
    keywords: ["cognitive", "speech", "translator", "openai", "bing", "luis", "vision", "analytics", "recognizer"],
    window: { before: 40, after: 140 },
    startsBeforeKeyword: true,
    pattern: /(?:cognitive[_.-]?services?|azure[_.-]?(?:speech|translator|openai|vision|language|ai)|speech|translator|bing[_.-]?(?:search|maps)?|luis|computer[_.-]?vision|text[_.-]?analytics|form[_.-]?recognizer|openai)[A-Za-z0-9_.-]{0,20}(?:key|subscription)[A-Za-z0-9_]{0,10}["']?\s*(?:[:=]|=>|,)\s*["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    reference: "https://learn.microsoft.com/azure/ai-services/authentication",
    remediation: "Regenerate the key in the resource's Keys and Endpoint; prefer Entra ID authentication."
  },
  {
    id: "azure-common-annotated-key",
    title: "Azure common annotated security key (other service)",
    keywords: ["jqqj9"],
    window: CASK_WINDOW,
    startsBeforeKeyword: true,
    pattern: new RegExp(
      `(?<![A-Za-z0-9])${B622}{52}JQQJ9[9DH]${B622}[A-L]${B622}{16}[A-Za-z]${B622}{7}(?:${B622}{2}==)?(?![A-Za-z0-9+/=])`
    ),
    validate: caskValid,
    reference: "https://github.com/microsoft/security-utilities",
    remediation: KEY_REMEDIATION2
  }
];

// src/core/rules/cloud.ts
var UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
var UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
var specs2 = [
  named({
    id: "cloudflare-api-token",
    title: "Cloudflare API token or global API key",
    provider: "Cloudflare",
    names: ["cloudflare", "cf_api", "cf-api", "cf_auth", "cf_token"],
    what: "token|key|secret",
    value: "[A-Za-z0-9_-]{40}|[a-f0-9]{37}",
    maxValueLength: 40,
    exampleName: "CLOUDFLARE_API_TOKEN",
    reference: "https://developers.cloudflare.com/fundamentals/api/get-started/create-token/",
    fake: (f) => f.chars(BASE64URL, 40)
  }),
  {
    id: "cloudflare-origin-ca-key",
    title: "Cloudflare Origin CA key",
    provider: "Cloudflare",
    keywords: ["v1.0-"],
    token: "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}",
    edge: "A-Za-z0-9_.-",
    maxLength: 176,
    reference: "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/",
    fake: (f) => `v1.0-${f.chars(HEX, 24)}-${f.chars(HEX, 146)}`
  },
  named({
    id: "fastly-api-token",
    title: "Fastly API token",
    provider: "Fastly",
    names: ["fastly"],
    what: "token|key",
    value: "[A-Za-z0-9_-]{32}",
    maxValueLength: 32,
    exampleName: "FASTLY_API_TOKEN",
    reference: "https://www.fastly.com/documentation/reference/api/auth-tokens/",
    fake: (f) => f.chars(BASE64URL, 32)
  }),
  {
    id: "alibaba-access-key-id",
    title: "Alibaba Cloud AccessKey ID",
    provider: "Alibaba Cloud",
    keywords: ["ltai"],
    token: "LTAI[A-Za-z0-9]{12,20}",
    edge: "A-Za-z0-9",
    maxLength: 24,
    minEntropy: 3.5,
    reference: "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
    fake: (f) => `LTAI${f.chars(ALNUM, 20)}`
  },
  named({
    id: "alibaba-access-key-secret",
    title: "Alibaba Cloud AccessKey secret",
    provider: "Alibaba Cloud",
    names: ["alibaba", "aliyun", "alicloud", "access_key_secret", "accesskeysecret"],
    what: "secret|",
    value: "[A-Za-z0-9]{30}",
    maxValueLength: 30,
    exampleName: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    fake: (f) => f.chars(ALNUM, 30)
  }),
  {
    id: "tencent-cloud-secret-id",
    title: "Tencent Cloud SecretId",
    provider: "Tencent Cloud",
    keywords: ["akid"],
    token: "AKID[A-Za-z0-9]{32}",
    edge: "A-Za-z0-9",
    maxLength: 36,
    minEntropy: 3.5,
    reference: "https://www.tencentcloud.com/document/product/598/32675",
    fake: (f) => `AKID${f.chars(ALNUM, 32)}`
  },
  named({
    id: "tencent-cloud-secret-key",
    title: "Tencent Cloud SecretKey",
    provider: "Tencent Cloud",
    names: ["tencent", "tccli"],
    what: "key|secret|",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "TENCENTCLOUD_SECRET_KEY",
    minEntropy: 4,
    fake: (f) => f.chars(ALNUM, 32)
  }),
  {
    id: "scaleway-access-key",
    title: "Scaleway access key",
    provider: "Scaleway",
    keywords: ["scw"],
    token: "SCW[A-Z0-9]{17}",
    edge: "A-Za-z0-9",
    maxLength: 20,
    minEntropy: 3.2,
    validate: ({ secret }) => /\d.*\d/.test(secret.slice(3)),
    reference: "https://www.scaleway.com/en/docs/iam/concepts/#api-key",
    fake: (f) => `SCW${f.chars(UPPER_ALNUM, 17)}`
  },
  named({
    id: "scaleway-secret-key",
    title: "Scaleway secret key",
    provider: "Scaleway",
    names: ["scw_secret", "scaleway"],
    what: "key|secret|",
    value: UUID,
    maxValueLength: 36,
    exampleName: "SCW_SECRET_KEY",
    fake: (f) => [8, 4, 4, 4, 12].map((n) => f.chars(HEX, n)).join("-")
  }),
  {
    id: "yandex-cloud-key",
    title: "Yandex Cloud API key or IAM token",
    provider: "Yandex Cloud",
    keywords: ["aqvn", "t1.9"],
    token: "AQVN[A-Za-z0-9_-]{35,38}|t1\\.9euelZ[A-Za-z0-9_-]{80,300}\\.[A-Za-z0-9_-]{86}",
    edge: "A-Za-z0-9_.-",
    maxLength: 400,
    reference: "https://yandex.cloud/en/docs/iam/concepts/authorization/api-key",
    fake: (f) => `AQVN${f.chars(BASE64URL, 36)}`
  },
  named({
    id: "ibm-cloud-api-key",
    title: "IBM Cloud API key",
    provider: "IBM Cloud",
    names: ["ibm", "ibmcloud"],
    what: "api[_.-]?key|apikey",
    value: "[A-Za-z0-9_-]{44}",
    maxValueLength: 44,
    exampleName: "IBMCLOUD_API_KEY",
    fake: (f) => f.chars(BASE64URL, 44)
  }),
  named({
    id: "linode-token",
    title: "Linode (Akamai) personal access token",
    provider: "Linode",
    names: ["linode"],
    what: "token|key",
    value: "[a-f0-9]{64}",
    maxValueLength: 64,
    exampleName: "LINODE_TOKEN",
    fake: (f) => f.chars(HEX, 64)
  }),
  named({
    id: "vultr-api-key",
    title: "Vultr API key",
    provider: "Vultr",
    names: ["vultr"],
    what: "key|token",
    value: "[A-Z0-9]{36}",
    maxValueLength: 36,
    exampleName: "VULTR_API_KEY",
    fake: (f) => f.chars(UPPER_ALNUM, 36)
  }),
  named({
    id: "hetzner-token",
    title: "Hetzner Cloud API token",
    provider: "Hetzner",
    names: ["hcloud", "hetzner"],
    what: "token|key",
    value: "[A-Za-z0-9]{64}",
    maxValueLength: 64,
    exampleName: "HCLOUD_TOKEN",
    reference: "https://docs.hetzner.com/cloud/api/getting-started/generating-api-token",
    fake: (f) => f.chars(ALNUM, 64)
  }),
  named({
    id: "oracle-cloud-auth-token",
    title: "Oracle Cloud (OCI) auth token",
    provider: "Oracle Cloud",
    names: ["oci_", "oracle"],
    what: "auth[_.-]?token|password|secret",
    value: "[A-Za-z0-9()<>:;#{}+._-]{20}",
    maxValueLength: 20,
    exampleName: "OCI_AUTH_TOKEN",
    minEntropy: 3.5,
    reference: "https://docs.oracle.com/en-us/iaas/Content/Identity/Tasks/managingcredentials.htm",
    fake: (f) => f.chars(ALNUM, 20)
  })
];
var rules5 = specs2.map(tokenRule);

// src/core/rules/database.ts
function notUserEcho({ match, secret }) {
  const user = match.groups?.user ?? "";
  return secret.length >= 4 && secret.toLowerCase() !== user.toLowerCase();
}
var DB_SCHEMES = [
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "redis",
  "rediss",
  "amqp",
  "amqps",
  "mssql",
  "sqlserver",
  "cockroachdb",
  "clickhouse",
  "couchdb",
  "neo4j",
  "bolt",
  "cassandra",
  "snowflake",
  "oracle",
  "db2",
  "nats",
  "mqtt",
  "mqtts",
  "kafka",
  "influxdb",
  "memcached",
  "elasticsearch",
  "opensearch"
];
function schemeWithCredentials(text, _start, end) {
  const near = text.slice(end - 3, end + 27).indexOf("://");
  if (near < 0) return false;
  const sep = end - 3 + near;
  for (let i = sep + 3, n = Math.min(text.length, sep + 320); i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return true;
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62) return false;
  }
  return false;
}
var rules6 = [
  {
    id: "database-url-password",
    title: "Password in a database or broker URL",
    keywords: DB_SCHEMES,
    pattern: new RegExp(
      `(?<![A-Za-z0-9])(?:${DB_SCHEMES.join("|")})(?:\\+[a-z0-9]+)?:\\/\\/(?<user>[^:@/\\s"'\`<>]{0,200}):(?<secret>[^@/\\s"'\`<>]{1,200})@[A-Za-z0-9._\\-[\\]]{1,253}`,
      "i"
    ),
    window: { before: 0, after: 720 },
    startsBeforeKeyword: true,
    atKeyword: schemeWithCredentials,
    validate: notUserEcho,
    remediation: "Change the database user's password and update every consumer."
  },
  {
    id: "jdbc-url-password",
    title: "Password in a JDBC URL",
    keywords: ["jdbc:"],
    pattern: /jdbc:[a-z0-9]{1,20}:[^\s"'`<>]{0,500}?[?&;:](?:password|pwd)=(?<secret>[^&;\s"'`<>]{3,200})/i,
    remediation: "Change the database user's password and update every consumer."
  },
  {
    id: "url-basic-auth",
    title: "Password in a URL",
    keywords: [
      "http://",
      "https://",
      "ftp://",
      "ftps://",
      "sftp://",
      "smtp://",
      "smtps://",
      "ldap://",
      "ldaps://",
      "ws://",
      "wss://",
      "ssh://",
      "svn://",
      "svn+ssh://",
      "rtsp://",
      "rtsps://",
      "imap://",
      "imaps://",
      "pop3://",
      "pop3s://",
      "git://",
      "git+https://",
      "git+http://"
    ],
    pattern: /(?<![A-Za-z0-9])(?:https?|s?ftps?|smtps?|ldaps?|wss?|ssh|svn(?:\+ssh)?|rtsps?|imaps?|pop3s?|git(?:\+https?)?):\/\/(?<user>[^:@/\s"'`<>{}$]{1,100}):(?<secret>[^@/\s"'`<>{}]{3,200})@[A-Za-z0-9._-]{1,253}\.[A-Za-z]{2,24}/,
    window: { before: 0, after: 600 },
    startsBeforeKeyword: true,
    atKeyword: schemeWithCredentials,
    validate: notUserEcho,
    remediation: "Change the account's password (or revoke the token used as one)."
  }
];

// src/core/rules/devtools.ts
var LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
var UPPER_ALNUM2 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
var specs3 = [
  {
    id: "gitlab-pat",
    title: "GitLab personal, project or group access token",
    provider: "GitLab",
    keywords: ["glpat-"],
    token: "glpat-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{7,9})?",
    edge: "A-Za-z0-9_.-",
    maxLength: 320,
    reference: "https://docs.gitlab.com/security/tokens/",
    fake: (f) => `glpat-${f.chars(ALNUM, 20)}`
  },
  {
    id: "gitlab-token",
    title: "GitLab deploy, runner, trigger, feed, agent, OAuth or CI token",
    provider: "GitLab",
    keywords: [
      "gldt-",
      "glrt-",
      "glrtr-",
      "glptt-",
      "glft-",
      "glimt-",
      "glagent-",
      "glsoat-",
      "gloas-",
      "glffct-",
      "glcbt-",
      "gr1348941"
    ],
    token: "gl(?:dt|rt|rtr|ft|imt|soat|ffct)-[A-Za-z0-9_-]{20,64}|glptt-[0-9a-f]{40}|glagent-[A-Za-z0-9_-]{50,64}|gloas-[0-9a-f]{64}|glcbt-[0-9a-fA-F]{1,5}_[A-Za-z0-9_-]{20}|GR1348941[A-Za-z0-9_-]{20}",
    maxLength: 80,
    reference: "https://docs.gitlab.com/security/tokens/",
    fake: (f) => `glptt-${f.chars(HEX, 40)}`
  },
  {
    id: "atlassian-api-token",
    title: "Atlassian (Jira, Confluence, Bitbucket) API or access token",
    provider: "Atlassian",
    keywords: ["atatt3", "atctt3"],
    token: "AT[AC]TT3[A-Za-z0-9_=-]{170,250}",
    edge: "A-Za-z0-9_=-",
    maxLength: 260,
    reference: "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
    fake: (f) => `ATATT3xFfGF0${f.chars(BASE64URL, 171)}=${f.chars(HEX.toUpperCase(), 8)}`
  },
  {
    id: "bitbucket-app-password",
    title: "Bitbucket app password",
    provider: "Atlassian",
    keywords: ["atbb"],
    token: "ATBB[A-Za-z0-9_=.-]{28,40}",
    edge: "A-Za-z0-9_=.-",
    maxLength: 44,
    reference: "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",
    fake: (f) => `ATBB${f.chars(ALNUM, 32)}`
  },
  {
    id: "hashicorp-vault-token",
    title: "HashiCorp Vault token",
    provider: "HashiCorp Vault",
    keywords: ["hvs.", "hvb.", "hvr."],
    token: "hv[sr]\\.[A-Za-z0-9_-]{24,250}|hvb\\.[A-Za-z0-9_-]{100,400}",
    edge: "A-Za-z0-9_.-",
    maxLength: 410,
    reference: "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
    fake: (f) => `hvs.${f.chars(ALNUM, 90)}`
  },
  {
    id: "terraform-cloud-token",
    title: "HCP Terraform (Terraform Cloud / Enterprise) API token",
    provider: "HashiCorp Terraform",
    keywords: [".atlasv1."],
    keywordOffset: 14,
    token: "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_-]{60,70}",
    edge: "A-Za-z0-9_.-",
    maxLength: 94,
    reference: "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
    fake: (f) => `${f.chars(ALNUM, 14)}.atlasv1.${f.chars(ALNUM, 67)}`
  },
  {
    id: "pulumi-access-token",
    title: "Pulumi access token",
    provider: "Pulumi",
    keywords: ["pul-"],
    token: "pul-[a-f0-9]{40}",
    maxLength: 44,
    reference: "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/",
    fake: (f) => `pul-${f.chars(HEX, 40)}`
  },
  {
    id: "doppler-token",
    title: "Doppler token",
    provider: "Doppler",
    keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
    token: "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9_.-]{40,80}",
    edge: "A-Za-z0-9_.-",
    maxLength: 90,
    reference: "https://docs.doppler.com/docs/token-formats",
    fake: (f) => `dp.st.prd.${f.chars(ALNUM, 43)}`
  },
  {
    id: "digitalocean-token",
    title: "DigitalOcean personal access, OAuth or refresh token",
    provider: "DigitalOcean",
    keywords: ["dop_v1_", "doo_v1_", "dor_v1_"],
    token: "do[por]_v1_[a-f0-9]{64}",
    maxLength: 71,
    reference: "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
    fake: (f) => `dop_v1_${f.chars(HEX, 64)}`
  },
  {
    id: "heroku-api-key",
    title: "Heroku API key",
    provider: "Heroku",
    keywords: ["hrku-"],
    token: "HRKU-(?:AA[A-Za-z0-9_-]{58}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})",
    maxLength: 66,
    reference: "https://devcenter.heroku.com/articles/authentication",
    fake: (f) => `HRKU-AA${f.chars(BASE64URL, 58)}`
  },
  {
    id: "netlify-token",
    title: "Netlify access token",
    provider: "Netlify",
    keywords: ["nfp_", "nfc_", "nfo_", "nfu_"],
    token: "nf[pcou]_[A-Za-z0-9]{36,48}",
    maxLength: 52,
    reference: "https://docs.netlify.com/api/get-started/#authentication",
    fake: (f) => `nfp_${f.chars(ALNUM, 40)}`
  },
  {
    id: "vercel-token",
    title: "Vercel access token",
    provider: "Vercel",
    keywords: ["vcp_", "vck_", "vci_", "vca_", "vcr_"],
    token: "vc[pkiar]_[A-Za-z0-9]{24,80}",
    maxLength: 84,
    reference: "https://vercel.com/docs/rest-api#creating-an-access-token",
    fake: (f) => `vcp_${f.chars(ALNUM, 56)}`
  },
  {
    id: "render-api-key",
    title: "Render API key",
    provider: "Render",
    keywords: ["rnd_"],
    token: "rnd_[A-Za-z0-9]{32}",
    maxLength: 36,
    reference: "https://render.com/docs/api#1-create-an-api-key",
    fake: (f) => `rnd_${f.chars(ALNUM, 32)}`
  },
  {
    id: "flyio-token",
    title: "Fly.io access token",
    provider: "Fly.io",
    keywords: ["fm1r_", "fm1a_", "fm2_"],
    token: "fm(?:1[ar]|2)_[A-Za-z0-9+/=_-]{100,800}",
    edge: "A-Za-z0-9+/=_-",
    maxLength: 806,
    reference: "https://fly.io/docs/security/tokens/",
    fake: (f) => `fm2_${f.chars(`${ALNUM}+/`, 150)}`
  },
  {
    id: "supabase-token",
    title: "Supabase personal access token or secret API key",
    provider: "Supabase",
    keywords: ["sbp_", "sb_secret_"],
    token: "sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,40}",
    maxLength: 50,
    reference: "https://supabase.com/docs/guides/api/api-keys",
    fake: (f) => `sbp_${f.chars(HEX, 40)}`
  },
  {
    id: "planetscale-token",
    title: "PlanetScale service token, password or OAuth token",
    provider: "PlanetScale",
    keywords: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
    token: "pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}",
    edge: "A-Za-z0-9_.-",
    maxLength: 77,
    reference: "https://planetscale.com/docs/concepts/service-tokens",
    fake: (f) => `pscale_pw_${f.chars(ALNUM, 43)}`
  },
  {
    id: "tailscale-key",
    title: "Tailscale API, auth or OAuth client key",
    provider: "Tailscale",
    keywords: ["tskey-"],
    token: "tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,40}",
    maxLength: 80,
    reference: "https://tailscale.com/kb/1277/key-prefixes",
    fake: (f) => `tskey-auth-k${f.chars(ALNUM, 10)}CNTRL-${f.chars(ALNUM, 33)}`
  },
  {
    id: "buildkite-token",
    title: "Buildkite API access token",
    provider: "Buildkite",
    keywords: ["bkua_"],
    token: "bkua_[a-f0-9]{40}",
    maxLength: 45,
    reference: "https://buildkite.com/docs/apis/managing-api-tokens",
    fake: (f) => `bkua_${f.chars(HEX, 40)}`
  },
  {
    id: "sonarqube-token",
    title: "SonarQube / SonarCloud token",
    provider: "SonarSource",
    keywords: ["sqp_", "sqa_", "squ_"],
    token: "sq[pau]_[a-f0-9]{40}",
    maxLength: 44,
    reference: "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",
    fake: (f) => `squ_${f.chars(HEX, 40)}`
  },
  {
    id: "octopus-deploy-api-key",
    title: "Octopus Deploy API key",
    provider: "Octopus Deploy",
    keywords: ["api-"],
    token: "API-[A-Z0-9]{26}",
    maxLength: 30,
    minEntropy: 3.5,
    // Upper-case words of that length are constants, not keys: a key has digits.
    validate: ({ secret }) => /\d.*\d/.test(secret.slice(4)),
    reference: "https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key",
    fake: (f) => `API-${f.chars(UPPER_ALNUM2, 26)}`
  },
  {
    id: "docker-hub-token",
    title: "Docker Hub personal or organization access token",
    provider: "Docker",
    keywords: ["dckr_pat_", "dckr_oat_"],
    token: "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}",
    maxLength: 49,
    reference: "https://docs.docker.com/security/for-developers/access-tokens/",
    fake: (f) => `dckr_pat_${f.chars(BASE64URL, 27)}`
  },
  {
    id: "jfrog-token",
    title: "JFrog (Artifactory) API key or reference token",
    provider: "JFrog",
    keywords: ["akcp", "cmvmdgtuoja"],
    token: "AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{50}",
    maxLength: 73,
    reference: "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",
    fake: (f) => `AKCp${f.chars(ALNUM, 69)}`
  },
  {
    id: "postman-api-key",
    title: "Postman API key",
    provider: "Postman",
    keywords: ["pmak-"],
    token: "PMAK-[a-f0-9]{24}-[a-f0-9]{34}",
    maxLength: 64,
    reference: "https://learning.postman.com/docs/developer/postman-api/authentication/",
    fake: (f) => `PMAK-${f.chars(HEX, 24)}-${f.chars(HEX, 34)}`
  },
  {
    id: "linear-api-key",
    title: "Linear API key or OAuth token",
    provider: "Linear",
    keywords: ["lin_api_", "lin_oauth_"],
    token: "lin_(?:api|oauth)_[A-Za-z0-9]{40}",
    maxLength: 50,
    reference: "https://linear.app/developers/graphql#personal-api-keys",
    fake: (f) => `lin_api_${f.chars(ALNUM, 40)}`
  },
  {
    id: "age-secret-key",
    title: "age encryption secret key",
    provider: "age",
    keywords: ["age-secret-key-1"],
    token: "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
    maxLength: 74,
    reference: "https://age-encryption.org/v1",
    remediation: "Generate a new age identity, re-encrypt what the old one protected, and remove its recipient.",
    fake: (f) => `AGE-SECRET-KEY-1${f.chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)}`
  },
  {
    id: "onepassword-service-account-token",
    title: "1Password service account token",
    provider: "1Password",
    keywords: ["ops_eyj"],
    token: "ops_eyJ[A-Za-z0-9+/=_-]{100,1200}",
    edge: "A-Za-z0-9+/=_-",
    maxLength: 1210,
    reference: "https://developer.1password.com/docs/service-accounts/",
    fake: (f) => `ops_eyJ${f.chars(BASE64URL, 300)}`
  },
  {
    id: "onepassword-secret-key",
    title: "1Password account Secret Key",
    provider: "1Password",
    keywords: ["a3-"],
    token: "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
    maxLength: 40,
    reference: "https://support.1password.com/secret-key-security/",
    fake: (f) => `A3-${f.chars(UPPER_ALNUM2, 6)}-${f.chars(UPPER_ALNUM2, 6)}-${[5, 5, 5, 5].map((n) => f.chars(UPPER_ALNUM2, n)).join("-")}`
  },
  {
    id: "figma-token",
    title: "Figma personal access token",
    provider: "Figma",
    keywords: ["figd_"],
    token: "figd_[A-Za-z0-9_-]{40}",
    maxLength: 45,
    reference: "https://www.figma.com/developers/api#access-tokens",
    fake: (f) => `figd_${f.chars(BASE64URL, 40)}`
  },
  {
    id: "readme-api-key",
    title: "ReadMe API key",
    provider: "ReadMe",
    keywords: ["rdme_"],
    token: "rdme_[a-z0-9]{70}",
    maxLength: 75,
    fake: (f) => `rdme_${f.chars(LOWER_ALNUM, 70)}`
  },
  {
    id: "prefect-api-key",
    title: "Prefect API key",
    provider: "Prefect",
    keywords: ["pnu_"],
    token: "pnu_[A-Za-z0-9]{36}",
    maxLength: 40,
    reference: "https://docs.prefect.io/v3/how-to-guides/cloud/manage-users/api-keys",
    fake: (f) => `pnu_${f.chars(ALNUM, 36)}`
  },
  {
    id: "circleci-token",
    title: "CircleCI personal or project API token",
    provider: "CircleCI",
    keywords: ["ccipat_", "cciprj_"],
    token: "CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[0-9a-f]{40}",
    maxLength: 70,
    reference: "https://circleci.com/docs/managing-api-tokens/",
    fake: (f) => `CCIPAT_${f.chars(ALNUM, 22)}_${f.chars(HEX, 40)}`
  },
  named({
    id: "snyk-api-token",
    title: "Snyk API token",
    provider: "Snyk",
    names: ["snyk"],
    what: "token|api[_.-]?key|auth",
    value: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    maxValueLength: 36,
    exampleName: "SNYK_TOKEN",
    reference: "https://docs.snyk.io/snyk-api/authentication-for-api",
    fake: (f) => [8, 4, 4, 4, 12].map((n) => f.chars(HEX, n)).join("-")
  }),
  {
    id: "frameio-token",
    title: "Frame.io developer token",
    provider: "Frame.io",
    keywords: ["fio-u-"],
    token: "fio-u-[A-Za-z0-9_-]{64}",
    maxLength: 70,
    fake: (f) => `fio-u-${f.chars(BASE64URL, 64)}`
  }
];
var rules7 = specs3.map(tokenRule);

// src/core/rules/github.ts
function hasValidGithubChecksum(token) {
  const body = token.slice(4);
  if (body.length !== 36) return true;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
var KINDS = [
  ["ghp_", "github-pat", "GitHub personal access token (classic)"],
  ["gho_", "github-oauth-token", "GitHub OAuth access token"],
  ["ghu_", "github-user-to-server-token", "GitHub App user access token"],
  ["ghs_", "github-app-installation-token", "GitHub App installation access token"],
  ["ghr_", "github-refresh-token", "GitHub App refresh token"]
];
var REMEDIATION2 = "Revoke the token (Settings \u2192 Developer settings, or the app's installation); GitHub may already have.";
var rules8 = [
  ...KINDS.map(
    ([prefix, id, title]) => ({
      id,
      title,
      keywords: [prefix],
      pattern: new RegExp(`(?<![A-Za-z0-9_])${prefix}[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])`),
      minEntropy: 3,
      validate: ({ secret }) => hasValidGithubChecksum(secret),
      reference: "https://docs.github.com/authentication/keeping-your-account-and-data-secure/about-authentication-to-github",
      remediation: REMEDIATION2
    })
  ),
  {
    id: "github-fine-grained-pat",
    title: "GitHub fine-grained personal access token",
    keywords: ["github_pat_"],
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/,
    minEntropy: 4,
    reference: "https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
    remediation: REMEDIATION2
  }
];

// src/core/util/text.ts
function shannonEntropy(value) {
  if (value.length === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function charClasses(value) {
  let n = 0;
  if (/[a-z]/.test(value)) n++;
  if (/[A-Z]/.test(value)) n++;
  if (/[0-9]/.test(value)) n++;
  if (/[^a-zA-Z0-9]/.test(value)) n++;
  return n;
}

// src/core/rules/judge.ts
var NOT_A_CREDENTIAL_NAME = /(?:hash|hashed|digest|sha\d*|md5|salt|name|names|id|ids|type|types|url|uri|endpoint|path|file|dir|header|field|length|len|size|count|min|max|policy|policies|expir\w*|ttl|timeout|prefix|suffix|format|pattern|regex|label|placeholder|hint|message|msg|error|enabled|required|mode|source|provider|store|manager|service|class|param|params|env|var|input|column|attr|prop|text|title|template|tokens|limit|ref|reference|arn|version|algorithm|alg|key_?name|kind|schema|validator|visible|reset|confirm|confirmation|changed|strength|rules|location|public|publickey|public_key|csrf|xsrf|page|next|cursor|continuation|refresh_?url|cache_?key|lookup|index|length|display|description)$/i;
var NOT_A_CREDENTIAL_WORDS = /* @__PURE__ */ new Set([
  "public",
  "publishable",
  "idempotency",
  "object",
  "cache",
  "partition",
  "sort",
  "foreign",
  "lookup",
  "i18n",
  "translation",
  "placeholder",
  "example",
  "cursor",
  "etag",
  // Anti-forgery tokens are per-session form values: `authenticity_token`, `__RequestVerificationToken`.
  "authenticity",
  "csrf",
  "xsrf",
  "antiforgery",
  "verification",
  // A table's key, not a credential: `rowKey` (registry paths are recognised by their value).
  "row"
]);
var CURSOR_WORDS = /* @__PURE__ */ new Set(["page", "next", "continuation", "sync", "skip", "delta", "resume", "change", "poll"]);
function isCursorName(name) {
  const words = identifierWords(name);
  return words.length >= 2 && words[words.length - 1] === "token" && CURSOR_WORDS.has(words[words.length - 2]);
}
var CREDENTIAL_WORDS = /* @__PURE__ */ new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "passwort",
  "secret",
  "token",
  "apikey",
  "authtoken",
  "accesstoken",
  "secretkey",
  "privatekey",
  "clientsecret",
  "credential",
  "credentials",
  "connectionstring",
  "connstring",
  // Environment variables that clients read a password from, written as one word: libpq's
  // `PGPASSWORD` (psql, pg_dump) and sshpass's `SSHPASS`. (`MYSQL_PWD` splits into `pwd`.)
  "pgpassword",
  "sshpass"
]);
var CREDENTIAL_PAIRS = /* @__PURE__ */ new Set([
  "api key",
  "access key",
  "auth key",
  "private key",
  "secret key",
  "signing key",
  "encryption key",
  "master key",
  "client secret",
  "connection string"
]);
function identifierWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
function credentialName(name) {
  const words = identifierWords(name);
  if (words.some((w2, i) => CREDENTIAL_WORDS.has(w2) || i > 0 && CREDENTIAL_PAIRS.has(`${words[i - 1]} ${w2}`))) {
    return "strong";
  }
  return words.includes("key") || words.some((w2) => w2.endsWith("key")) ? "weak" : "none";
}
function isStrongRandom(value) {
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return value.length >= 20 && charClasses(value) >= 3 && shannonEntropy(value) >= 3.8;
}
function isWordLike(part) {
  if (part === "" || /^[A-Z]+$/.test(part)) return true;
  if (!/^[A-Za-z][a-z]*(?:[A-Z][a-z]+)*(?:[A-Z]{2,5}(?:[A-Z][a-z]+)*)?$/.test(part)) return false;
  const parts = part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.length < 2 || part.length / parts.length >= 3.5;
}
var PUBLIC_KEY_OIDS = ["2a864886f70d010101", "2a8648ce3d0201", "2b6570", "2b6571", "2b656e", "2b656f"];
function isBase64PublicKey(value) {
  if (!/^M[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) return false;
  let hex2 = "";
  try {
    const bin = atob(value.slice(0, 64).slice(0, 64 - 64 % 4));
    for (let i = 0; i < bin.length; i++) hex2 += bin.charCodeAt(i).toString(16).padStart(2, "0");
  } catch {
    return false;
  }
  const m = /^30(?:[0-7][0-9a-f]|81[0-9a-f]{2}|82[0-9a-f]{4})30/.exec(hex2);
  return m !== null && PUBLIC_KEY_OIDS.some((oid) => hex2.slice(m[0].length, m[0].length + 40).includes(oid));
}
var REGISTRY_PATH = /^(?:HKEY_[A-Z_]+|HK(?:LM|CU|CR|U|CC))(?::|\\|\/|$)/;
var HOST_LIST = /^(?:localhost|\*?\.?[\w-]+(?:\.[\w-]+)*|[\d.]+(?:\/\d{1,2})?|[0-9a-f:]+(?:\/\d{1,3})?)(?:\s*,\s*(?:localhost|\*?\.?[\w-]+(?:\.[\w-]+)*|[\d.]+(?:\/\d{1,2})?|[0-9a-f:]+(?:\/\d{1,3})?))+$/i;
var CONNECTION_FRAGMENT = /^;?\s*(?:[A-Za-z][A-Za-z ]*=[^;]*;\s*)*[A-Za-z][A-Za-z ]*=\s*$/;
function looksLikeCredential(value, minLength) {
  if (value.length < minLength || value.length > 500) return false;
  if (REGISTRY_PATH.test(value)) return false;
  if (CONNECTION_FRAGMENT.test(value)) return false;
  if (value.includes(",") && HOST_LIST.test(value)) return false;
  if (isBase64PublicKey(value)) return false;
  if (/\[[^\]]{1,40}\][{*+?]|\(\?[:<!=]|\\[dwsbDWS]/.test(value)) return false;
  if (/\s/.test(value)) return false;
  if (/^[-+]?\d+(?:\.\d+)?$/.test(value)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  if (/^\$(?:2[abxy]?|argon2\w*|pbkdf2[\w-]*|scrypt|[156])\$/.test(value)) return false;
  if (/^(?:sha\d+|md5)[-:]/i.test(value)) return false;
  if (/:\/\//.test(value)) return false;
  if (/^[A-Za-z][\w ]*=[^=]/.test(value) || /\w=[^;]*;/.test(value)) return false;
  if (/\.(?:pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|env|der|keystore)$/i.test(value)) return false;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w.\\/-]*$/.test(value) && charClasses(value.replace(/[/\\.]/g, "")) <= 2)
    return false;
  if (/^[\w.@-]+(?:\/[\w.@-]+)+\.[a-z]{1,5}$/i.test(value)) return false;
  if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes("_")) return false;
  if (/^[A-Za-z]+\d*(?:[-_.][A-Za-z]+\d*)+$/.test(value) && value.split(/[-_.]/).every((p) => isWordLike(p.replace(/\d+$/, ""))))
    return false;
  if (/^[A-Za-z?:/._-]+$/.test(value) && value.split(/[?:/._-]+/).every(isWordLike)) return false;
  if (isWordLike(value)) return false;
  if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}(?:V?\d{1,3})?$/.test(value)) return false;
  if (/^[A-Z0-9]{1,8}$/.test(value)) return false;
  if (/^\d+(?:\.\d+)+$/.test(value)) return false;
  if (value.includes("(")) return false;
  if (/^[A-Za-z]+$/.test(value) && (value.length < 12 || shannonEntropy(value) < 3.5)) return false;
  if (/^[a-z_$][\w$]*\(.*\)$/i.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) && !/\d/.test(value)) return false;
  if (/^\/[a-z0-9_.-]+(?:\/[a-z0-9_.{}:-]*)*$/.test(value)) return false;
  if (/^[\w.-]+@[\w-]+\.[\w.]+$/.test(value)) return false;
  if (/^(?:Bearer|Basic|Token)$/i.test(value)) return false;
  if (/^pk_(?:live|test)_/.test(value)) return false;
  if (/^[a-z][a-z0-9_-]{2,}\/[\w./-]+$/.test(value)) return false;
  if (charClasses(value) < 2) return value.length >= 20 && shannonEntropy(value) >= 3.5;
  return shannonEntropy(value) >= 2.5;
}
function isNameChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 46 || c === 45;
}
var code = (c) => c.charCodeAt(0);
var [QUOTE, APOS, BACKTICK, BACKSLASH, BRACKET, PAREN, LT, GT, COMMA, SPACE, TAB] = [..."\"'`\\])<>, 	"].map(code);
var OPERATOR_START = new Set([..."=:?|"].map(code));
function mayNameAssignment(text, start, end) {
  let from = start;
  while (from > 0 && isNameChar(text.charCodeAt(from - 1))) if (start - --from > 40) return false;
  let i = end;
  while (i < text.length && isNameChar(text.charCodeAt(i))) if (++i - end > 40) return false;
  if (i >= text.length) return false;
  let c = text.charCodeAt(i);
  const prev = from > 0 ? text.charCodeAt(from - 1) : -1;
  if (c === BACKTICK) return true;
  if (prev === 123 && from > 1 && text.charCodeAt(from - 2) === 36) return true;
  if (prev === LT) return c === SPACE || c === TAB || c === GT;
  if (c === 40)
    return /\.orelse$/i.test(text.slice(i - 7, i)) || /(?:^|[.-])(?:set|with)[A-Za-z0-9_]*$/i.test(text.slice(from, i));
  if ((c === SPACE || c === TAB) && /(?:^|[^\w-])(?:env|arg)\s+$/i.test(text.slice(Math.max(0, from - 8), from)))
    return true;
  if (c === BACKSLASH) c = text.charCodeAt(++i);
  let quoted = false;
  if (c === QUOTE || c === APOS) {
    quoted = true;
    c = text.charCodeAt(++i);
  }
  if (c === BRACKET) c = text.charCodeAt(++i);
  for (let n = 0; n < 3 && c === PAREN; n++) c = text.charCodeAt(++i);
  while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
  if (OPERATOR_START.has(c)) return true;
  if (c === COMMA) return quoted;
  if (c === 46) return /^\.orelse\(/i.test(text.slice(i, i + 8));
  if (quoted && i > end + 1 && /^value\s*=/i.test(text.slice(i, i + 12))) return true;
  return (c === 111 || c === 79) && /^or\b/i.test(text.slice(i, i + 3));
}

// src/core/rules/generic.ts
var PASSWORD_NAME = "(?:passw(?:or)?d|passwort|passphrase|pwd|pass)";
var SECRET_NAME = "(?:secret|token|key|credentials?|conn(?:ection)?[_.-]?string|sas)";
var CONFIG_FILE = /(?:^|\/)(?:\.env[^/]*|[^/]*\.(?:env|ya?ml|properties|ini|cfg|conf|config|toml|txt|sh|bash|zsh|ps1|bat|cmd|dockerfile|npmrc|pypirc|netrc|gitconfig|tfvars|http|rest)|Dockerfile[^/]*|[^/]*rc|credentials)$/i;
var DOC_FILE = /\.(?:md|markdown|rst|adoc|txt)$/i;
var KEY_TAGS = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
function keyOf(match) {
  const groups = match.groups;
  if (!groups) return "";
  for (const tag of KEY_TAGS) {
    const k = groups[`key${tag}`];
    if (k !== void 0) return k;
  }
  return groups.key ?? groups.key2 ?? "";
}
function isUnquoted(match) {
  return match.groups?.secretU !== void 0 || match.groups?.secretU2 !== void 0;
}
var PASSWORD_FLAG = /^-{1,2}(?:p|pass|password)$/i;
var COMMENT_LINE = /^\s*(?:#|\/\/|\*|--|;|<!--|')/;
var nameVerdicts = /* @__PURE__ */ new Map();
var NAME_CACHE_LIMIT = 4096;
function nameStrength(key) {
  let verdict = nameVerdicts.get(key);
  if (verdict !== void 0) return verdict;
  verdict = PASSWORD_FLAG.test(key) ? "strong" : credentialName(key);
  if (verdict !== "none" && (NOT_A_CREDENTIAL_NAME.test(key.replace(/[-.]/g, "_")) || identifierWords(key).some((w2) => NOT_A_CREDENTIAL_WORDS.has(w2)) || isCursorName(key))) {
    verdict = "none";
  }
  if (nameVerdicts.size >= NAME_CACHE_LIMIT) nameVerdicts.clear();
  nameVerdicts.set(key, verdict);
  return verdict;
}
function validateAssignment(minLength) {
  return ({ match, secret, path, line }) => {
    const key = (keyOf(match).replace(/^[$@:%]+/, "").replace(/["'`\\]/g, "").split(".").pop() ?? "").trim();
    const strength = nameStrength(key);
    if (strength === "none") return false;
    if (isUnquoted(match)) {
      if (/^[!|>&*%]/.test(secret)) return false;
      const literalContext = CONFIG_FILE.test(path);
      const envStyle = /^[A-Z][A-Z0-9_]*$/.test(key) || DOC_FILE.test(path) || COMMENT_LINE.test(line);
      if (!literalContext && !(envStyle && /\d/.test(secret) && secret.length >= 8)) return false;
    }
    if (/^gh[pousr]_/.test(secret) && !hasValidGithubChecksum(secret)) return false;
    if (isBrokenMicrosoftKey(secret)) return false;
    if (key && secret.toLowerCase() === key.toLowerCase()) return false;
    if (/^[a-z.]*(?:token|apikey|api_key)[a-z.]*\d{0,4}$/i.test(secret)) return false;
    if (!looksLikeCredential(secret, minLength)) return false;
    return strength === "strong" || isStrongRandom(secret);
  };
}
function assignment(name) {
  const ident = `[A-Za-z0-9_.-]{0,40}${name}[A-Za-z0-9_.-]{0,40}`;
  const identStart = "(?<![A-Za-z0-9_.-]|\\$\\{)";
  const closeKey = `(?:\\\\?["'])?\\]?\\){0,3}`;
  const typeAnnotation = `(?::\\s*[A-Za-z][\\w<>\\[\\]|.?]{0,30}\\s*(?==))?`;
  const op = `(?::=|=>|\\?\\?=?|\\|\\||\\?:|\\bor\\b|\\.orElse\\(|=|:)`;
  const beforeValue = `(?:ConvertTo-SecureString\\s+(?:-String\\s+)?|["']\\s*\\.\\s*)?(?:[@rbuf]{1,2}(?=["']))?`;
  const quoted = `\\\\?(?<q>["'\`])(?<secretB>[^"'\`\\\\\\r\\n]{4,300}?)\\\\?\\k<q>`;
  const unquotedValue = `[^\\s"'\`,;#<>{}()\\[\\]\\\\][^\\s"'\`,;<>\\\\]{3,300}`;
  return new RegExp(
    [
      `(?:key|name)\\s*=\\s*"(?<keyA>${ident})"\\s+value\\s*=\\s*"(?<secretA>[^"\\r\\n]{4,300})"`,
      // A name and its value as a call's first two arguments: `getenv("KEY", "…")`, `Map.entry("password", "…")`.
      // A parameter's default, before alternative 2 so that `${NAME:-value}` is not read as `NAME: -value}`.
      `\\$\\{(?<keyI>[A-Za-z0-9_.]{0,40}${name}[A-Za-z0-9_.]{0,40})(?::?[-=+]|:)(?<secretI>[^\\s"'\`\${}\\\\]{4,300})\\}`,
      `(?<=\\(\\s*\\\\?["'])(?<keyG>${ident})\\\\?["']\\s*,\\s*${beforeValue}${quoted.replace("secretB", "secretG").replace(/<q>|k<q>/g, (m) => m.replace("q", "q2"))}`,
      `${identStart}(?<keyB>${ident})(?:${closeKey}\\s*${typeAnnotation}${op}\\s*${beforeValue}${quoted}|["']?\\s*(?:=|:)[ \\t]*(?<secretU>${unquotedValue})(?=\\s*(?:$|#|;|,|\\s|\\\\)))`,
      `(?<![\\w-])(?:ENV|ARG)\\s+(?<keyD>${ident})\\s+(?<secretU2>${unquotedValue})\\s*$`,
      `<(?<keyE>${ident})(?:\\s[^>]{0,200})?>(?<secretE>[^<\\s]{4,300})</`,
      // A setter with a literal: `ds.setPassword("…")`, `.withClientSecret("…")`.
      `(?<![A-Za-z0-9_])(?<keyH>(?:set|with)[A-Za-z0-9_]{0,30}${name}[A-Za-z0-9_]{0,20})\\(\\s*(?<q3>["'])(?<secretH>[^"'\\\\\\r\\n]{4,300}?)\\k<q3>\\s*\\)`,
      `\`(?<keyF>${ident})\`\\s*(?:is|to|=|:|\\||->|\u2192)\\s*\`(?<secretF>[^\`\\s]{4,300})\``
    ].join("|"),
    "i"
  );
}
var ASSIGNMENT_WINDOW = { before: 64, after: 440 };
var PASSWORD_FLAG_PATTERN = /(?<![\w-])(?<key>-p|--password|--pass)(?:=|\s+)?(?<q>["'])(?<secret>[^"'\s]{6,300})\k<q>|(?<![\w-])(?<key2>--password|--pass)(?:=|\s+)(?<secretU>[^\s"'`;&|<>$]{6,300})/;
var PAIR_PATTERN = /(?:^|\n)[ \t]*(?:-[ \t]+)?name:[ \t]*["']?(?<key>[A-Za-z0-9_.-]{1,80})["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?:(?<q>["'])(?<secret>[^"'\r\n]{4,300}?)\k<q>|(?<secretU>[^\s"'#][^\s"'#]{3,300}))[ \t]*(?=\r?\n|$)|variable[ \t]+"(?<key2>[A-Za-z0-9_.-]{1,80})"[ \t]*\{[^}]{0,400}?\bdefault[ \t]*=[ \t]*"(?<secret2>[^"\r\n]{4,300})"/;
function mayStartPair(text, start, end) {
  if (!text.startsWith("name:", start)) return text.startsWith("variable", start);
  let i = start - 1;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 45; c = text.charCodeAt(--i)) ;
  if (i >= 0 && text.charCodeAt(i) !== 10) return false;
  let j = text.indexOf("\n", end);
  if (j < 0) return false;
  for (let c = text.charCodeAt(++j); c === 32 || c === 9; c = text.charCodeAt(++j)) ;
  return text.startsWith("value:", j);
}
var rules9 = [
  {
    id: "generic-password",
    title: "Hard-coded password",
    keywords: ["pass", "pwd"],
    pattern: assignment(PASSWORD_NAME),
    window: ASSIGNMENT_WINDOW,
    startsBeforeKeyword: true,
    atKeyword: mayNameAssignment,
    validate: validateAssignment(6),
    remediation: "Change the password where it is used, and read it from a secret store instead."
  },
  {
    id: "generic-secret",
    title: "Hard-coded secret, token or API key",
    // Every spelling the name alternatives allow, so each match holds one of its keywords.
    keywords: [
      "secret",
      "token",
      "key",
      "credential",
      "connstring",
      "conn_string",
      "conn-string",
      "conn.string",
      "connectionstring",
      "connection_string",
      "connection-string",
      "connection.string",
      "sas"
    ],
    pattern: assignment(SECRET_NAME),
    window: ASSIGNMENT_WINDOW,
    startsBeforeKeyword: true,
    atKeyword: mayNameAssignment,
    validate: validateAssignment(10),
    remediation: "Revoke the credential at its issuer, and read it from a secret store instead."
  },
  {
    id: "generic-credential-pair",
    title: "Hard-coded credential in a name/value pair",
    keywords: ["name:", 'variable "'],
    pattern: PAIR_PATTERN,
    atKeyword: mayStartPair,
    multiline: true,
    multilineReach: 600,
    validate: validateAssignment(8),
    remediation: "Move the value to a secret (Kubernetes Secret, pipeline secret variable, Key Vault) and rotate it."
  },
  {
    id: "password-flag",
    title: "Password on a command line",
    keywords: ["-p'", '-p"', "--password", "--pass "],
    pattern: PASSWORD_FLAG_PATTERN,
    validate: validateAssignment(6),
    remediation: "Change the password, and pass it through the environment or a prompt instead."
  },
  {
    id: "bearer-token",
    title: "Bearer token in an Authorization header",
    keywords: ["bearer "],
    pattern: /\bBearer\s+(?<secret>[A-Za-z0-9_\-.~+/]{20,2000}=*)(?![A-Za-z0-9_\-.~+/=])/,
    minEntropy: 3.5,
    validate: ({ secret }) => looksLikeCredential(secret, 20),
    remediation: "Revoke the token at its issuer."
  }
];

// src/core/rules/google.ts
var specs4 = [
  {
    id: "google-oauth-access-token",
    title: "Google OAuth access token",
    provider: "Google",
    keywords: ["ya29."],
    token: "ya29\\.[A-Za-z0-9_-]{30,2000}",
    edge: "A-Za-z0-9_.-",
    maxLength: 2010,
    minEntropy: 4,
    reference: "https://developers.google.com/identity/protocols/oauth2",
    remediation: "Revoke the token (https://oauth2.googleapis.com/revoke); it also expires within the hour.",
    fake: (f) => `ya29.a0${f.chars(BASE64URL, 160)}`
  },
  {
    id: "google-oauth-client-secret",
    title: "Google OAuth client secret",
    provider: "Google",
    keywords: ["gocspx-"],
    token: "GOCSPX-[A-Za-z0-9_-]{28}",
    maxLength: 35,
    reference: "https://support.google.com/cloud/answer/15549257",
    remediation: "Reset the client secret in Google Cloud console \u2192 APIs & Services \u2192 Credentials.",
    fake: (f) => `GOCSPX-${f.chars(BASE64URL, 28)}`
  },
  {
    id: "google-oauth-refresh-token",
    title: "Google OAuth refresh token",
    provider: "Google",
    keywords: ["1//0"],
    token: "1//0[A-Za-z0-9_-]{40,400}",
    edge: "A-Za-z0-9_/-",
    maxLength: 410,
    minEntropy: 4,
    reference: "https://developers.google.com/identity/protocols/oauth2#expiration",
    remediation: "Revoke the grant (myaccount.google.com \u2192 Security \u2192 Third-party access, or the revoke endpoint).",
    fake: (f) => `1//0${f.chars(BASE64URL, 100)}`
  },
  {
    id: "firebase-cloud-messaging-server-key",
    title: "Firebase Cloud Messaging legacy server key",
    provider: "Google Firebase",
    keywords: [":apa91b"],
    keywordOffset: 12,
    token: "AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}",
    maxLength: 152,
    reference: "https://firebase.google.com/docs/cloud-messaging/auth-server",
    fake: (f) => `AAAA${f.chars(BASE64URL, 7)}:APA91b${f.chars(BASE64URL, 134)}`
  }
];
var rules10 = [
  {
    id: "google-api-key",
    title: "Google API key",
    keywords: ["aiza"],
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
    reference: "https://cloud.google.com/docs/authentication/api-keys",
    remediation: "Delete or regenerate the key in Google Cloud console \u2192 APIs & Services \u2192 Credentials."
  },
  ...specs4.map(tokenRule)
];

// src/core/rules/jwt.ts
function decodeJson(part) {
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const parsed = JSON.parse(atob(b64 + "=".repeat((4 - b64.length % 4) % 4)));
    return typeof parsed === "object" && parsed !== null ? parsed : void 0;
  } catch {
    return void 0;
  }
}
var rules11 = [
  {
    id: "jwt",
    title: "JSON Web Token",
    keywords: ["eyj"],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{20,1000}(?![A-Za-z0-9_-])/,
    validate: ({ secret }) => {
      const [header, payload] = secret.split(".");
      const h2 = decodeJson(header ?? "");
      return !!h2 && typeof h2.alg === "string" && h2.alg.toLowerCase() !== "none" && !!decodeJson(payload ?? "");
    },
    reference: "https://datatracker.ietf.org/doc/html/rfc7519",
    remediation: "Revoke the token's session or rotate the signing key; tokens stay valid until they expire."
  }
];

// src/core/rules/messaging.ts
var specs5 = [
  named({
    id: "vonage-api-secret",
    title: "Vonage (Nexmo) API secret",
    provider: "Vonage",
    names: ["vonage", "nexmo"],
    what: "secret",
    value: "[A-Za-z0-9]{16}",
    maxValueLength: 16,
    exampleName: "VONAGE_API_SECRET",
    reference: "https://developer.vonage.com/account/secret-management",
    fake: (f) => f.chars(ALNUM, 16)
  }),
  named({
    id: "plivo-auth-token",
    title: "Plivo auth token",
    provider: "Plivo",
    names: ["plivo"],
    what: "token|secret",
    value: "[A-Za-z0-9]{40}",
    maxValueLength: 40,
    exampleName: "PLIVO_AUTH_TOKEN",
    reference: "https://www.plivo.com/docs/faq/account/account-management",
    fake: (f) => f.chars(ALNUM, 40)
  }),
  named({
    id: "messagebird-access-key",
    title: "MessageBird (Bird) access key",
    provider: "MessageBird",
    names: ["messagebird", "message_bird"],
    what: "key|token",
    value: "[A-Za-z0-9]{25}",
    maxValueLength: 25,
    exampleName: "MESSAGEBIRD_ACCESS_KEY",
    fake: (f) => f.chars(ALNUM, 25)
  }),
  named({
    id: "sinch-api-secret",
    title: "Sinch API or app secret",
    provider: "Sinch",
    names: ["sinch"],
    what: "secret|token",
    value: "[A-Za-z0-9_~.-]{20,64}",
    maxValueLength: 64,
    exampleName: "SINCH_KEY_SECRET",
    minEntropy: 3.5,
    fake: (f) => f.chars(ALNUM, 30)
  }),
  named({
    id: "pusher-secret",
    title: "Pusher Channels app secret",
    provider: "Pusher",
    names: ["pusher"],
    what: "secret",
    value: "[a-f0-9]{20}",
    maxValueLength: 20,
    exampleName: "PUSHER_APP_SECRET",
    reference: "https://docs.bird.com/pusher/channels/channels/connecting/how-can-i-rotate-my-channels-app-keys",
    fake: (f) => f.chars(HEX, 20)
  }),
  named({
    id: "ably-api-key",
    title: "Ably API key",
    provider: "Ably",
    names: ["ably"],
    what: "key|token",
    value: "[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{6}:[A-Za-z0-9_-]{30,50}",
    maxValueLength: 64,
    exampleName: "ABLY_API_KEY",
    fake: (f) => `${f.chars(ALNUM, 6)}.${f.chars(ALNUM, 6)}:${f.chars(BASE64URL, 43)}`
  }),
  named({
    id: "stream-api-secret",
    title: "Stream (GetStream) API secret",
    provider: "Stream",
    names: ["getstream", "stream_api", "stream-api", "streamapi"],
    what: "secret",
    value: "[a-z0-9]{64}",
    maxValueLength: 64,
    exampleName: "STREAM_API_SECRET",
    fake: (f) => f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 64)
  })
];
var rules12 = [
  {
    id: "sendgrid-api-key",
    title: "SendGrid API key",
    keywords: ["sg."],
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
    reference: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
    remediation: "Delete the API key in SendGrid (Settings \u2192 API Keys)."
  },
  {
    id: "twilio-api-key",
    title: "Twilio API key or auth token",
    keywords: ["twilio"],
    pattern: /(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])|twilio[A-Za-z0-9_.-]{0,40}(?:auth[_.-]?token|secret|api[_.-]?key|token)["']?\s*(?::=|=>|[:=])\s*["']?(?<secret2>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
    reference: "https://www.twilio.com/docs/iam/api-keys",
    remediation: "Delete the API key or rotate the auth token in the Twilio console."
  },
  ...specs5.map(tokenRule)
];

// src/core/rules/observability.ts
var UPPER_ALNUM3 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
var uuid = (f) => [8, 4, 4, 4, 12].map((n) => f.chars(HEX, n)).join("-");
var UUID2 = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
var specs6 = [
  named({
    id: "datadog-api-key",
    title: "Datadog API or application key",
    provider: "Datadog",
    names: ["datadog", "dd_api", "dd_app", "dd-api", "dd-app", "ddapi", "ddapp"],
    what: "api[_.-]?key|app(?:lication)?[_.-]?key|key",
    value: "[a-f0-9]{32}|[a-f0-9]{40}",
    maxValueLength: 40,
    exampleName: "DD_API_KEY",
    reference: "https://docs.datadoghq.com/account_management/api-app-keys/",
    fake: (f) => f.chars(HEX, 32)
  }),
  {
    id: "new-relic-key",
    title: "New Relic user, insert, browser or license key",
    provider: "New Relic",
    keywords: ["nrak-", "nrii-", "nrjs-", "nraa-", "nral"],
    keywordOffset: 36,
    token: "NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|NRJS-[a-f0-9]{19}|NRAA-[a-f0-9]{27}|[a-f0-9]{36}NRAL",
    maxLength: 40,
    reference: "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
    fake: (f) => `NRAK-${f.chars(UPPER_ALNUM3, 27)}`
  },
  {
    id: "sentry-token",
    title: "Sentry auth token",
    provider: "Sentry",
    keywords: ["sntrys_", "sntryu_"],
    token: "sntrys_eyJ[A-Za-z0-9+/=_-]{80,400}|sntryu_[a-f0-9]{64}",
    edge: "A-Za-z0-9+/=_-",
    maxLength: 410,
    reference: "https://docs.sentry.io/account/auth-tokens/",
    fake: (f) => `sntryu_${f.chars(HEX, 64)}`
  },
  {
    id: "grafana-token",
    title: "Grafana Cloud access policy token or service account token",
    provider: "Grafana",
    keywords: ["glc_", "glsa_"],
    token: "glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
    edge: "A-Za-z0-9+/=_-",
    maxLength: 410,
    reference: "https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/",
    fake: (f) => `glsa_${f.chars(ALNUM, 32)}_${f.chars(HEX, 8)}`
  },
  {
    id: "dynatrace-token",
    title: "Dynatrace API token",
    provider: "Dynatrace",
    keywords: ["dt0c01.", "dt0s01.", "dt0s02.", "dt0s16."],
    token: "dt0[cs]\\d{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}",
    edge: "A-Za-z0-9_.-",
    maxLength: 96,
    reference: "https://docs.dynatrace.com/docs/dynatrace-api/basics/dynatrace-api-authentication",
    fake: (f) => `dt0c01.${f.chars(UPPER_ALNUM3, 24)}.${f.chars(UPPER_ALNUM3, 64)}`
  },
  {
    id: "launchdarkly-key",
    title: "LaunchDarkly API access token or SDK key",
    provider: "LaunchDarkly",
    keywords: ["api-", "sdk-"],
    // Version-4 UUIDs after the prefix; mobile keys (`mob-`) ship inside apps and are not secret.
    token: `(?:api|sdk)-${UUID2.replace("{4}-[0-9a-f]{4}-[0-9a-f]{4}", "{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}")}`,
    maxLength: 40,
    reference: "https://docs.launchdarkly.com/home/account/api",
    fake: (f) => `sdk-${f.chars(HEX, 8)}-${f.chars(HEX, 4)}-4${f.chars(HEX, 3)}-a${f.chars(HEX, 3)}-${f.chars(HEX, 12)}`
  },
  {
    id: "posthog-personal-api-key",
    title: "PostHog personal API key",
    provider: "PostHog",
    keywords: ["phx_"],
    token: "phx_[A-Za-z0-9]{43}",
    maxLength: 47,
    reference: "https://posthog.com/docs/api#private-endpoint-authentication",
    fake: (f) => `phx_${f.chars(ALNUM, 43)}`
  },
  {
    id: "honeycomb-key",
    title: "Honeycomb API or ingest key",
    provider: "Honeycomb",
    keywords: ["hcaik_", "hcxik_", "hcamk_", "hcxmk_"],
    token: "hc[ax][im]k_[a-z0-9]{58}",
    maxLength: 64,
    reference: "https://docs.honeycomb.io/get-started/configure/environments/manage-api-keys/",
    fake: (f) => `hcaik_${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 58)}`
  },
  named({
    id: "rollbar-access-token",
    title: "Rollbar access token",
    provider: "Rollbar",
    names: ["rollbar"],
    what: "token|key",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "ROLLBAR_ACCESS_TOKEN",
    reference: "https://docs.rollbar.com/docs/access-tokens",
    fake: (f) => f.chars(HEX, 32)
  }),
  named({
    id: "bugsnag-api-key",
    title: "Bugsnag API key",
    provider: "Bugsnag",
    names: ["bugsnag"],
    what: "key|token",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "BUGSNAG_API_KEY",
    fake: (f) => f.chars(HEX, 32)
  }),
  named({
    id: "splunk-hec-token",
    title: "Splunk HTTP Event Collector token",
    provider: "Splunk",
    names: ["splunk"],
    what: "token|key",
    value: UUID2.replace(/a-f/g, "A-Fa-f"),
    maxValueLength: 36,
    exampleName: "SPLUNK_HEC_TOKEN",
    reference: "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
    fake: (f) => uuid(f)
  }),
  named({
    id: "mixpanel-secret",
    title: "Mixpanel API secret or service account secret",
    provider: "Mixpanel",
    names: ["mixpanel"],
    what: "secret",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "MIXPANEL_API_SECRET",
    reference: "https://docs.mixpanel.com/reference/service-accounts",
    fake: (f) => f.chars(ALNUM, 32)
  }),
  named({
    id: "segment-write-key",
    title: "Segment write key (server-side source)",
    provider: "Segment",
    names: ["segment"],
    what: "write[_.-]?key|secret",
    value: "[A-Za-z0-9]{32}",
    maxValueLength: 32,
    exampleName: "SEGMENT_WRITE_KEY",
    reference: "https://segment.com/docs/connections/find-writekey/",
    fake: (f) => f.chars(ALNUM, 32)
  }),
  named({
    id: "pagerduty-api-key",
    title: "PagerDuty API or integration key",
    provider: "PagerDuty",
    names: ["pagerduty", "pd_api", "pd_routing", "pd_integration"],
    what: "key|token",
    value: "[A-Za-z0-9_+-]{20}|[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "PAGERDUTY_API_KEY",
    reference: "https://support.pagerduty.com/main/docs/api-access-keys",
    fake: (f) => f.chars(BASE64URL, 20)
  })
];
var rules13 = specs6.map(tokenRule);

// src/core/rules/packages.ts
var specs7 = [
  {
    id: "nuget-api-key",
    title: "NuGet API key",
    provider: "NuGet",
    keywords: ["oy2"],
    token: "oy2[a-z2-7]{43}",
    edge: "A-Za-z0-9",
    maxLength: 46,
    minEntropy: 3.5,
    reference: "https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys",
    fake: (f) => `oy2${f.chars("abcdefghijklmnopqrstuvwxyz234567", 43)}`
  },
  {
    id: "rubygems-api-key",
    title: "RubyGems API key",
    provider: "RubyGems",
    keywords: ["rubygems_"],
    token: "rubygems_[a-f0-9]{48}",
    maxLength: 57,
    reference: "https://guides.rubygems.org/api-key-scopes/",
    fake: (f) => `rubygems_${f.chars(HEX, 48)}`
  },
  {
    id: "crates-io-token",
    title: "crates.io API token",
    provider: "crates.io",
    keywords: ["cio"],
    token: "cio[A-Za-z0-9]{32}",
    edge: "A-Za-z0-9",
    maxLength: 35,
    minEntropy: 4,
    validate: ({ secret }) => /\d/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret.slice(3)),
    reference: "https://doc.rust-lang.org/cargo/reference/registry-authentication.html",
    fake: (f) => `cio${f.chars(ALNUM, 32)}`
  },
  {
    id: "clojars-token",
    title: "Clojars deploy token",
    provider: "Clojars",
    keywords: ["clojars_"],
    token: "CLOJARS_[a-z0-9]{60}",
    maxLength: 68,
    reference: "https://github.com/clojars/clojars-web/wiki/Deploy-Tokens",
    fake: (f) => `CLOJARS_${f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 60)}`
  },
  named({
    id: "hex-api-key",
    title: "Hex.pm API key",
    provider: "Hex",
    names: ["hex_api", "hexpm"],
    what: "key|token|",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "HEX_API_KEY",
    fake: (f) => f.chars(HEX, 32)
  }),
  named({
    id: "packagist-token",
    title: "Packagist / Private Packagist token",
    provider: "Packagist",
    names: ["packagist"],
    what: "token|key|secret",
    value: "[A-Za-z0-9]{20,64}",
    maxValueLength: 64,
    exampleName: "PACKAGIST_API_TOKEN",
    minEntropy: 3.5,
    fake: (f) => f.chars(ALNUM, 40)
  })
];
var rules14 = [
  {
    id: "npm-token",
    title: "npm access token",
    keywords: ["npm_"],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.npmjs.com/about-access-tokens",
    remediation: "Revoke the token on npmjs.com (Access Tokens) and check the packages it could publish."
  },
  {
    id: "npmrc-auth-token",
    title: "npm registry auth token in .npmrc",
    keywords: ["_authtoken", "_auth="],
    pattern: /(?:_authToken|_auth)\s*=\s*["']?(?<secret>[A-Za-z0-9_+/=-]{20,2000})/,
    minEntropy: 3,
    reference: "https://docs.npmjs.com/cli/configuring-npm/npmrc",
    remediation: "Revoke the token at the registry that issued it."
  },
  {
    id: "pypi-token",
    title: "PyPI API token",
    keywords: ["pypi-ageichlwas5vcmc", "pypi-agenkgvzdc5wexbplm9yzw"],
    pattern: /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,2000}(?![A-Za-z0-9_-])/,
    minEntropy: 4,
    reference: "https://pypi.org/help/#apitoken",
    remediation: "Remove the token in PyPI account settings (API tokens)."
  },
  ...specs7.map(tokenRule)
];

// src/core/rules/privatekey.ts
function hasKeyMaterial(body) {
  const material = body.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\\[nr]|\s|"|'|\+|,/g, "");
  return /^[A-Za-z0-9/=+]{64,}$/.test(material.replace(/[^A-Za-z0-9/=+]/g, "")) && !/\.\.\.|<|>|\*{3}/.test(body);
}
function isEncrypted(block) {
  return /^-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(block) || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(block);
}
function decodedPem(value) {
  try {
    const text = atob(value.replace(/\s+/g, ""));
    return text.startsWith("-----BEGIN") ? text : void 0;
  } catch {
    return void 0;
  }
}
function isKeyBlock(block) {
  return hasKeyMaterial(block.slice(block.indexOf("-----", 10) + 5, block.lastIndexOf("-----END")));
}
var PEM_BLOCK = /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----)[\s\S]){64,12000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/;
var rules15 = [
  {
    id: "private-key-encrypted",
    title: "Encrypted private key (protected by a passphrase; look for the passphrase nearby)",
    keywords: ["-----begin"],
    multiline: true,
    pattern: PEM_BLOCK,
    placeholderFilter: false,
    validate: ({ secret }) => isEncrypted(secret) && isKeyBlock(secret),
    reference: "https://datatracker.ietf.org/doc/html/rfc5958#section-3",
    remediation: "Treat it as leaked with its passphrase: replace the key pair, and rotate the passphrase wherever it is stored."
  },
  {
    id: "private-key-base64",
    title: "Private key, base64-encoded (Kubernetes Secret data, Helm or CI variable)",
    // `-----BEGIN` in base64, from the start of a value.
    keywords: ["ls0tls1crudjti"],
    pattern: /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{120,24000}={0,2}(?![A-Za-z0-9+/=])/,
    window: { before: 0, after: 24100 },
    startsBeforeKeyword: true,
    placeholderFilter: false,
    validate: ({ secret }) => {
      const pem = decodedPem(secret);
      return pem !== void 0 && /PRIVATE KEY(?: BLOCK)?-----/.test(pem.slice(0, 60)) && isKeyBlock(pem);
    },
    reference: "https://kubernetes.io/docs/concepts/configuration/secret/",
    remediation: "Replace the key pair, and keep the Secret out of the repository (Sealed Secrets, External Secrets, Key Vault CSI)."
  },
  {
    id: "private-key",
    title: "Private key",
    keywords: ["-----begin"],
    multiline: true,
    pattern: PEM_BLOCK,
    placeholderFilter: false,
    // The whole armoured block is the secret: it is what a vault stores and what a finding points at.
    validate: ({ secret }) => !isEncrypted(secret) && isKeyBlock(secret),
    reference: "https://datatracker.ietf.org/doc/html/rfc7468",
    remediation: "Replace the key pair: revoke certificates or remove the public key everywhere it is trusted."
  }
];

// src/core/rules/saas.ts
var UUID3 = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
var uuid2 = (f) => [8, 4, 4, 4, 12].map((n) => f.chars(HEX, n)).join("-");
var LOWER_ALNUM2 = "abcdefghijklmnopqrstuvwxyz0123456789";
var hexBefore = (n) => (text, start) => start >= n && /^[a-f0-9]+$/.test(text.slice(start - n, start));
var specs8 = [
  {
    // A session id / OAuth access token: the 15-character org id (`00D…`), `!`, then the token.
    id: "salesforce-access-token",
    title: "Salesforce session id or OAuth access token",
    provider: "Salesforce",
    keywords: ["00d"],
    token: "00D[A-Za-z0-9]{12}![A-Za-z0-9._]{80,120}",
    maxLength: 140,
    // `00d` is common in hex; only an org id followed by `!` is worth a regex.
    atKeyword: (text, start) => text.charCodeAt(start + 15) === 33,
    reference: "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_revoke_token.htm",
    remediation: "Revoke the session or token (Setup \u2192 Session Management, or the connected app's OAuth usage).",
    fake: (f) => `00D${f.chars(ALNUM, 12)}!${f.chars(`${ALNUM}._`, 96)}`
  },
  {
    id: "shopify-token",
    title: "Shopify access token or shared secret",
    provider: "Shopify",
    keywords: ["shpat_", "shpca_", "shppa_", "shpss_"],
    token: "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
    maxLength: 38,
    reference: "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
    fake: (f) => `shpat_${f.chars(HEX, 32)}`
  },
  {
    id: "square-token",
    title: "Square access token or application secret",
    provider: "Square",
    keywords: ["sq0atp-", "sq0csp-", "eaaa"],
    token: "sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60}",
    maxLength: 64,
    reference: "https://developer.squareup.com/docs/build-basics/access-tokens",
    fake: (f) => `EAAA${f.chars(BASE64URL, 60)}`
  },
  {
    id: "braintree-access-token",
    title: "PayPal Braintree access token",
    provider: "PayPal Braintree",
    keywords: ["access_token$production$", "access_token$sandbox$"],
    token: "access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}",
    edge: "A-Za-z0-9_$-",
    maxLength: 80,
    reference: "https://developer.paypal.com/braintree/docs/guides/authorization/overview",
    fake: (f) => `access_token$production$${f.chars(LOWER_ALNUM2, 16)}$${f.chars(HEX, 32)}`
  },
  {
    id: "razorpay-key",
    title: "Razorpay live key id",
    provider: "Razorpay",
    keywords: ["rzp_live_"],
    token: "rzp_live_[A-Za-z0-9]{14}",
    maxLength: 23,
    reference: "https://razorpay.com/docs/api/authentication/",
    fake: (f) => `rzp_live_${f.chars(ALNUM, 14)}`
  },
  {
    id: "flutterwave-secret-key",
    title: "Flutterwave secret or encryption key",
    provider: "Flutterwave",
    keywords: ["flwseck-", "flwseck_test-", "flwenc"],
    token: "FLWSECK(?:_TEST)?-[a-f0-9]{32}-X|FLWSECK(?:_TEST)?[a-f0-9]{12}",
    maxLength: 48,
    fake: (f) => `FLWSECK-${f.chars(HEX, 32)}-X`
  },
  {
    id: "plaid-access-token",
    title: "Plaid access token",
    provider: "Plaid",
    keywords: ["access-production-", "access-development-"],
    token: `access-(?:production|development)-${UUID3}`,
    maxLength: 60,
    reference: "https://plaid.com/docs/api/tokens/",
    fake: (f) => `access-production-${uuid2(f)}`
  },
  {
    id: "shippo-api-token",
    title: "Shippo live API token",
    provider: "Shippo",
    keywords: ["shippo_live_"],
    token: "shippo_live_[a-f0-9]{40}",
    maxLength: 52,
    fake: (f) => `shippo_live_${f.chars(HEX, 40)}`
  },
  {
    id: "easypost-api-key",
    title: "EasyPost production API key",
    provider: "EasyPost",
    keywords: ["ezak"],
    token: "EZAK[a-f0-9]{54}",
    maxLength: 58,
    reference: "https://docs.easypost.com/docs/authentication",
    fake: (f) => `EZAK${f.chars(HEX, 54)}`
  },
  {
    id: "duffel-access-token",
    title: "Duffel live access token",
    provider: "Duffel",
    keywords: ["duffel_live_"],
    token: "duffel_live_[A-Za-z0-9_-]{43}",
    maxLength: 55,
    fake: (f) => `duffel_live_${f.chars(BASE64URL, 43)}`
  },
  {
    id: "lob-api-key",
    title: "Lob live API key",
    provider: "Lob",
    keywords: ["live_"],
    token: "live_[a-f0-9]{35}",
    maxLength: 40,
    reference: "https://help.lob.com/account-management/api-keys",
    fake: (f) => `live_${f.chars(HEX, 35)}`
  },
  {
    id: "adyen-api-key",
    title: "Adyen API key",
    provider: "Adyen",
    keywords: ["aqe"],
    token: "AQE[a-zA-Z0-9]{3}[A-Za-z0-9+/=._-]{90,300}",
    edge: "A-Za-z0-9+/=._-",
    maxLength: 310,
    minEntropy: 4,
    // The key body is base64 with dots and dashes between parts.
    validate: ({ secret }) => /[.]/.test(secret) && /[A-Z]/.test(secret.slice(3)) && /\d/.test(secret),
    reference: "https://docs.adyen.com/development-resources/api-credentials",
    fake: (f) => `AQEyhmfxK${f.chars(ALNUM, 40)}.${f.chars(ALNUM, 20)}-${f.chars(BASE64URL, 45)}`
  },
  {
    id: "mailgun-api-key",
    title: "Mailgun API key",
    provider: "Mailgun",
    keywords: ["key-"],
    token: "key-[a-f0-9]{32}",
    maxLength: 36,
    reference: "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/",
    fake: (f) => `key-${f.chars(HEX, 32)}`
  },
  named({
    id: "mailgun-api-key-named",
    title: "Mailgun API key",
    provider: "Mailgun",
    names: ["mailgun", "mg_api"],
    what: "key|secret|token",
    value: "[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}",
    maxValueLength: 50,
    exampleName: "MAILGUN_API_KEY",
    fake: (f) => `${f.chars(HEX, 32)}-${f.chars(HEX, 8)}-${f.chars(HEX, 8)}`
  }),
  {
    id: "mailchimp-api-key",
    title: "Mailchimp API key",
    provider: "Mailchimp",
    keywords: ["-us"],
    keywordOffset: 32,
    token: "[a-f0-9]{32}-us\\d{1,2}",
    maxLength: 37,
    atKeyword: hexBefore(32),
    reference: "https://mailchimp.com/developer/marketing/guides/quick-start/",
    fake: (f) => `${f.chars(HEX, 32)}-us${f.chars("123456789", 1)}${f.chars("0123456789", 1)}`
  },
  {
    id: "brevo-api-key",
    title: "Brevo (Sendinblue) API or SMTP key",
    provider: "Brevo",
    keywords: ["xkeysib-", "xsmtpsib-"],
    token: "x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}",
    maxLength: 90,
    fake: (f) => `xkeysib-${f.chars(HEX, 64)}-${f.chars(ALNUM, 16)}`
  },
  named({
    id: "postmark-server-token",
    title: "Postmark server or account token",
    provider: "Postmark",
    names: ["postmark"],
    what: "token|key",
    value: UUID3,
    maxValueLength: 36,
    exampleName: "POSTMARK_SERVER_TOKEN",
    fake: (f) => uuid2(f)
  }),
  named({
    id: "mailjet-secret",
    title: "Mailjet API secret",
    provider: "Mailjet",
    names: ["mailjet", "mj_apikey", "mj_api"],
    what: "secret|private",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "MJ_APIKEY_PRIVATE",
    fake: (f) => f.chars(HEX, 32)
  }),
  {
    id: "hubspot-private-app-token",
    title: "HubSpot private app access token",
    provider: "HubSpot",
    keywords: ["pat-na", "pat-eu", "pat-ap"],
    token: `pat-(?:na|eu|ap)\\d-${UUID3}`,
    maxLength: 44,
    reference: "https://developers.hubspot.com/docs/api/private-apps",
    fake: (f) => `pat-na1-${uuid2(f)}`
  },
  {
    id: "notion-token",
    title: "Notion integration token",
    provider: "Notion",
    keywords: ["secret_", "ntn_"],
    token: "secret_[A-Za-z0-9]{43}|ntn_\\d{11}[A-Za-z0-9]{35}",
    maxLength: 50,
    minEntropy: 4,
    reference: "https://developers.notion.com/docs/authorization",
    fake: (f) => `ntn_${f.chars("0123456789", 11)}${f.chars(ALNUM, 35)}`
  },
  {
    id: "dropbox-token",
    title: "Dropbox access token",
    provider: "Dropbox",
    keywords: ["sl."],
    token: "sl\\.(?:u\\.)?[A-Za-z0-9_-]{130,1400}",
    edge: "A-Za-z0-9_.-",
    maxLength: 1410,
    minEntropy: 4,
    reference: "https://developers.dropbox.com/oauth-guide",
    fake: (f) => `sl.${f.chars(BASE64URL, 138)}`
  },
  {
    id: "airtable-token",
    title: "Airtable personal access token",
    provider: "Airtable",
    keywords: ["pat"],
    token: "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}",
    edge: "A-Za-z0-9_.-",
    maxLength: 82,
    // `pat` opens many words (path, pattern): look for the dot before running the regex.
    atKeyword: (text, start) => text.charCodeAt(start + 17) === 46,
    reference: "https://airtable.com/developers/web/guides/personal-access-tokens",
    fake: (f) => `pat${f.chars(ALNUM, 14)}.${f.chars(HEX, 64)}`
  },
  {
    id: "typeform-token",
    title: "Typeform personal access token",
    provider: "Typeform",
    keywords: ["tfp_"],
    token: "tfp_[A-Za-z0-9_.-]{40,64}",
    edge: "A-Za-z0-9_.-",
    maxLength: 68,
    fake: (f) => `tfp_${f.chars(ALNUM, 44)}_${f.chars(ALNUM, 14)}`
  },
  {
    id: "contentful-token",
    title: "Contentful personal access token",
    provider: "Contentful",
    keywords: ["cfpat-"],
    token: "CFPAT-[A-Za-z0-9_-]{43}",
    maxLength: 49,
    fake: (f) => `CFPAT-${f.chars(BASE64URL, 43)}`
  },
  named({
    id: "asana-token",
    title: "Asana personal access token",
    provider: "Asana",
    names: ["asana"],
    what: "token|pat|key",
    value: "[0-9]/[0-9]{16}(?:/[0-9]{16})?:[a-f0-9]{32}",
    maxValueLength: 70,
    exampleName: "ASANA_ACCESS_TOKEN",
    fake: (f) => `2/${f.chars("0123456789", 16)}/${f.chars("0123456789", 16)}:${f.chars(HEX, 32)}`
  }),
  named({
    id: "zendesk-api-token",
    title: "Zendesk API token",
    provider: "Zendesk",
    names: ["zendesk"],
    what: "token|key",
    value: "[A-Za-z0-9]{40}",
    maxValueLength: 40,
    exampleName: "ZENDESK_API_TOKEN",
    reference: "https://support.zendesk.com/hc/en-us/articles/4408889192858",
    fake: (f) => f.chars(ALNUM, 40)
  }),
  named({
    id: "intercom-access-token",
    title: "Intercom access token",
    provider: "Intercom",
    names: ["intercom"],
    what: "token|key",
    value: "dG9rO[A-Za-z0-9+/=_-]{40,80}",
    maxValueLength: 80,
    exampleName: "INTERCOM_ACCESS_TOKEN",
    reference: "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/",
    fake: (f) => `dG9rO${f.chars(ALNUM, 55)}=`
  }),
  {
    id: "mapbox-secret-token",
    title: "Mapbox secret access token",
    provider: "Mapbox",
    keywords: ["sk.eyj"],
    token: "sk\\.eyJ[A-Za-z0-9_-]{50,300}\\.[A-Za-z0-9_-]{20,40}",
    edge: "A-Za-z0-9_.-",
    maxLength: 350,
    reference: "https://docs.mapbox.com/help/dive-deeper/access-tokens/",
    fake: (f) => `sk.eyJ${f.chars(BASE64URL, 70)}.${f.chars(BASE64URL, 22)}`
  },
  {
    id: "adafruit-io-key",
    title: "Adafruit IO key",
    provider: "Adafruit IO",
    keywords: ["aio_"],
    token: "aio_[A-Za-z0-9]{28}",
    maxLength: 32,
    fake: (f) => `aio_${f.chars(ALNUM, 28)}`
  },
  named({
    id: "okta-api-token",
    title: "Okta API token",
    provider: "Okta",
    names: ["okta"],
    what: "token|key|secret",
    value: "00[A-Za-z0-9_-]{40}",
    maxValueLength: 42,
    exampleName: "OKTA_API_TOKEN",
    reference: "https://developer.okta.com/docs/guides/create-an-api-token/",
    fake: (f) => `00${f.chars(BASE64URL, 40)}`
  }),
  named({
    id: "auth0-client-secret",
    title: "Auth0 client secret or management API token",
    provider: "Auth0",
    names: ["auth0"],
    what: "secret|token",
    value: "[A-Za-z0-9_-]{64}",
    maxValueLength: 64,
    exampleName: "AUTH0_CLIENT_SECRET",
    fake: (f) => f.chars(BASE64URL, 64)
  }),
  named({
    id: "algolia-admin-key",
    title: "Algolia admin or write API key",
    provider: "Algolia",
    names: ["algolia"],
    what: "admin[_.-]?(?:api[_.-]?)?key|write[_.-]?(?:api[_.-]?)?key|api[_.-]?key|secret",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "ALGOLIA_ADMIN_API_KEY",
    reference: "https://www.algolia.com/doc/guides/security/api-keys/",
    fake: (f) => f.chars(HEX, 32)
  })
];
var rules16 = specs8.map(tokenRule);

// src/core/rules/slack.ts
var rules17 = [
  {
    id: "slack-token",
    title: "Slack token",
    keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe-", "xoxs-", "xapp-"],
    // Bot, user, app-level, configuration (`xoxe.xoxp-1-`) and refresh (`xoxe-1-`) tokens.
    pattern: /(?<![A-Za-z0-9-])(?:xox[abeprs]-(?:\d{6,15}-){1,3}[A-Za-z0-9]{16,64}|xoxe\.xox[bp]-1-[A-Za-z0-9]{100,200}|xoxe-1-[A-Za-z0-9-]{100,200}|xapp-\d-[A-Z0-9]{8,14}-\d{10,15}-[a-f0-9]{32,80})(?![A-Za-z0-9-])/,
    minEntropy: 3,
    reference: "https://api.slack.com/authentication/token-types",
    remediation: "Revoke the token (auth.revoke or the app's OAuth settings) and reinstall the app."
  },
  {
    id: "slack-webhook-url",
    title: "Slack incoming webhook URL",
    keywords: ["hooks.slack.com"],
    // Incoming webhooks (`services/T…/B…/…`), and Workflow Builder webhooks and triggers
    // (`workflows/T…/A…/<id>/…`, `triggers/T…/<id>/<hex>`).
    pattern: /https:\/\/hooks\.slack\.com\/(?:services\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,40}|workflows\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/\d{10,20}\/[A-Za-z0-9]{20,40}|triggers\/[A-Z0-9]{8,12}\/\d{10,20}\/[a-f0-9]{32})(?![A-Za-z0-9])/,
    minEntropy: 3,
    reference: "https://api.slack.com/messaging/webhooks",
    remediation: "Delete the webhook in the Slack app's Incoming Webhooks settings and create a new one."
  }
];

// src/core/rules/social.ts
var DIGITS = "0123456789";
var digitsBefore = (text, start) => start >= 8 && /^\d{8}$/.test(text.slice(start - 8, start));
var specs9 = [
  {
    id: "telegram-bot-token",
    title: "Telegram bot token",
    provider: "Telegram",
    keywords: [":aa"],
    keywordOffset: 10,
    token: "\\d{8,10}:AA[A-Za-z0-9_-]{33}",
    edge: "A-Za-z0-9_:-",
    maxLength: 46,
    atKeyword: digitsBefore,
    reference: "https://core.telegram.org/bots/api#authorizing-your-bot",
    remediation: "Revoke the token with @BotFather (/revoke) and update the bot.",
    fake: (f) => `${f.chars("123456789", 1)}${f.chars(DIGITS, 9)}:AA${f.chars(BASE64URL, 33)}`
  },
  {
    id: "discord-webhook-url",
    title: "Discord webhook URL",
    provider: "Discord",
    keywords: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
    keywordOffset: 20,
    token: "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}",
    edge: "A-Za-z0-9_/-",
    maxLength: 150,
    reference: "https://discord.com/developers/docs/resources/webhook",
    remediation: "Delete the webhook in the channel's Integrations settings and create a new one.",
    fake: (f) => `https://discord.com/api/webhooks/${f.chars(DIGITS, 19)}/${f.chars(BASE64URL, 68)}`
  },
  named({
    id: "discord-bot-token",
    title: "Discord bot token",
    provider: "Discord",
    names: ["discord"],
    what: "token|secret",
    value: "[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}",
    maxValueLength: 72,
    exampleName: "DISCORD_BOT_TOKEN",
    remediation: "Reset the bot's token in the Discord developer portal.",
    fake: (f) => `M${f.chars(ALNUM, 25)}.${f.chars(BASE64URL, 6)}.${f.chars(BASE64URL, 38)}`
  }),
  {
    id: "twitter-bearer-token",
    title: "Twitter/X API bearer token",
    provider: "Twitter/X",
    keywords: ["aaaaaaaaaaaaaaaaaaaaa"],
    token: "A{21,22}[A-Za-z0-9%]{60,140}",
    edge: "A-Za-z0-9%",
    maxLength: 160,
    // Long runs of `A` are padding in many encodings: a bearer token is mixed after them.
    validate: ({ secret }) => /%3D|%2B|%2F/i.test(secret) || /[a-z].*\d|\d.*[a-z]/.test(secret.replace(/^A+/, "")),
    reference: "https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens",
    fake: (f) => `AAAAAAAAAAAAAAAAAAAAA${f.chars(ALNUM, 30)}%3D${f.chars(ALNUM, 50)}`
  },
  named({
    id: "twitter-api-secret",
    title: "Twitter/X API key secret or access token secret",
    provider: "Twitter/X",
    names: ["twitter", "x_api", "x_consumer"],
    what: "secret",
    value: "[A-Za-z0-9]{45,50}",
    maxValueLength: 50,
    exampleName: "TWITTER_API_SECRET",
    fake: (f) => f.chars(ALNUM, 50)
  }),
  {
    id: "facebook-access-token",
    title: "Facebook/Meta access token",
    provider: "Meta",
    keywords: ["eaa"],
    token: "EAA[A-Z][A-Za-z0-9]{100,400}",
    edge: "A-Za-z0-9",
    maxLength: 410,
    minEntropy: 4,
    reference: "https://developers.facebook.com/docs/facebook-login/guides/access-tokens",
    fake: (f) => `EAAG${f.chars(ALNUM, 180)}`
  },
  named({
    id: "facebook-app-secret",
    title: "Facebook/Meta app secret",
    provider: "Meta",
    names: ["facebook", "fb_app", "fb-app", "fbapp", "meta_app", "instagram"],
    what: "secret",
    value: "[a-f0-9]{32}",
    maxValueLength: 32,
    exampleName: "FACEBOOK_APP_SECRET",
    reference: "https://developers.facebook.com/docs/facebook-login/security/#appsecret",
    fake: (f) => f.chars(HEX, 32)
  }),
  named({
    id: "twitch-client-secret",
    title: "Twitch client secret or OAuth token",
    provider: "Twitch",
    names: ["twitch"],
    what: "secret|token",
    value: "[a-z0-9]{30}",
    maxValueLength: 30,
    exampleName: "TWITCH_CLIENT_SECRET",
    fake: (f) => f.chars("abcdefghijklmnopqrstuvwxyz0123456789", 30)
  }),
  named({
    id: "zoom-client-secret",
    title: "Zoom client or webhook secret",
    provider: "Zoom",
    names: ["zoom"],
    what: "secret|token",
    value: "[A-Za-z0-9_-]{22,40}",
    maxValueLength: 40,
    exampleName: "ZOOM_CLIENT_SECRET",
    fake: (f) => f.chars(ALNUM, 32)
  }),
  named({
    id: "line-channel-secret",
    title: "LINE channel secret or access token",
    provider: "LINE",
    names: ["line_channel", "line-channel", "linechannel"],
    what: "secret|token",
    value: "[a-f0-9]{32}|[A-Za-z0-9+/]{160,180}={0,2}",
    maxValueLength: 180,
    exampleName: "LINE_CHANNEL_SECRET",
    fake: (f) => f.chars(HEX, 32)
  })
];
var rules18 = specs9.map(tokenRule);

// src/core/rules/stripe.ts
var rules19 = [
  {
    id: "stripe-secret-key",
    title: "Stripe secret or restricted key",
    keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
    pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.stripe.com/keys",
    remediation: "Roll the key in the Stripe dashboard (Developers \u2192 API keys)."
  },
  {
    id: "stripe-webhook-secret",
    title: "Stripe webhook signing secret",
    keywords: ["whsec_"],
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,64}(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    reference: "https://docs.stripe.com/webhooks",
    remediation: "Roll the endpoint's signing secret in the Stripe dashboard."
  }
];

// src/core/rules/index.ts
var builtinRules = [
  ...rules3,
  ...rules4,
  ...rules8,
  ...rules2,
  ...rules17,
  ...rules19,
  ...rules10,
  ...rules15,
  ...rules,
  ...rules14,
  ...rules12,
  ...rules7,
  ...rules13,
  ...rules16,
  ...rules18,
  ...rules5,
  ...rules11,
  ...rules6,
  ...rules9
];

export {
  require_picomatch2 as require_picomatch,
  sha256Hex,
  hmacSha256Hex,
  isKnownPublicValue,
  shannonEntropy,
  builtinRules
};
