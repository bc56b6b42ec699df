import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import { generatedBlocks } from './markdown-blocks.ts';
import { buildNav, buildSidebar } from './sidebar.ts';
import { strictSnippets } from './snippet-check.ts';

// Dead links fail the build (VitePress's default; do not set ignoreDeadLinks),
// and so do missing snippet files, regions and includes (snippet-check.ts).
export default withMermaid(
  defineConfig({
    title: 'Express Forum Lessons',
    description:
      'Numbered, runnable Express 5 lessons that build the JSON API of a private forum, one idea at a time.',
    lang: 'en-US',
    head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
    // Only markdown pages are pages: tests, test output and notes are not,
    // nor the generated tables that pages include (`generated/` folders).
    srcExclude: ['test/**', '.vitest/**', '**/README.md', '**/generated/**'],
    markdown: {
      config(md) {
        md.use(generatedBlocks);
        md.use(strictSnippets);
      },
    },
    themeConfig: {
      nav: buildNav(),
      sidebar: buildSidebar(),
      search: { provider: 'local' },
      outline: [2, 3],
      footer: {
        message: 'Every code block on this site is imported from a tested file in the repository.',
      },
    },
    // mermaid and its layout engines make one large chunk that only pages
    // with a diagram load; the size warning would print on every build.
    vite: {
      build: { chunkSizeWarningLimit: 4096 },
      // `pnpm site` should not reload itself when a build or the tests write output.
      server: { watch: { ignored: ['**/.vitepress/dist/**', '**/.vitest/**'] } },
      // In `pnpm site`, pre-bundle mermaid with its CommonJS dependencies
      // (fastdom since 11.x): served one by one, they break the diagram page.
      optimizeDeps: { include: ['mermaid'] },
    },
    mermaid: {},
    // The diagram's wrapper must not carry the class `mermaid`: mermaid's own
    // start-on-load pass renders every `.mermaid` element it finds, and when it
    // runs after the plugin's component it replaces the diagram with a
    // "Syntax error in text" picture (seen in the browser test).
    mermaidPlugin: { class: 'mermaid-diagram' },
  }),
);
