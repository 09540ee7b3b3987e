import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'demo-output/',
      'test-results/',
      'playwright-report/',
      'bench/tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  // Playwright fixtures declare "no dependencies" with an empty pattern.
  { files: ['tests/e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Agent names are untrusted: nothing may turn a string into markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render untrusted text as text nodes.' },
        { property: 'outerHTML', message: 'Render untrusted text as text nodes.' },
        { property: 'insertAdjacentHTML', message: 'Render untrusted text as text nodes.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render untrusted text as text nodes.',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
