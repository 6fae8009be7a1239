// Lint rules that keep the tree's architecture true: each layer imports only the layers below it
// (hub → workflows → clients → platform), the emulator never imports the product, and nothing in src/ grows
// past 140 characters a line. Formatting itself is Prettier's job (`npm run lint` runs both).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * `no-restricted-imports` patterns that forbid a layer's files to reach `layers` of src/ by a relative path. A path must
 * climb at least `depth` folders to leave the layer (src/workflows/x/y.ts reaches src/hub as ../../hub, while ../hub is
 * its own src/workflows/hub).
 */
const forbid = (layers, why, depth = 1) => ({
  "no-restricted-imports": ["error", { patterns: [{ regex: `^(\\.\\./){${depth},}(${layers.join("|")})(/|$)`, message: why }] }],
});

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "dist-*/**",
      "node_modules/**",
      "test-results/**",
      "coverage/**",
      ".emulator-data/**",
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      // Unused names are TypeScript's to report (noUnusedLocals/noUnusedParameters); `_`-prefixed ones are deliberate.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "max-len": ["error", { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ["src/platform/**"],
    rules: forbid(["clients", "workflows", "hub", "entries"], "platform is the bottom layer: it imports nothing of the product above it."),
  },
  { files: ["src/clients/**"], rules: forbid(["workflows", "hub", "entries"], "clients sit below the workflows and the UI.", 2) },
  { files: ["src/workflows/**"], rules: forbid(["hub", "entries"], "workflows run without the UI (unit tests run them in Node).", 2) },
  {
    files: ["src/hub/**"],
    rules: forbid(
      ["clients"],
      "the UI reaches Azure only through the workflows; clients are built in the composition roots (src/entries).",
    ),
  },
  {
    files: ["emulator/**"],
    rules: forbid(["src"], "the emulator models the services; it must not share the product's code (or its mistakes)."),
  },
  {
    // Tests fake at module boundaries and plant leaks on purpose, and the emulator server prints its addresses: they may
    // log, and tests may use loose doubles.
    files: ["tests/**", "bench/**", "scripts/**", "emulator/server/**"],
    rules: { "no-console": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
);
