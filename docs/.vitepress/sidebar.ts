// The nav bar and sidebar, built from the lessons and pages that exist when
// the config loads (restart `pnpm site` to pick up a new lesson folder).
import type { DefaultTheme } from 'vitepress';
import { listLessons, listPages, type Lesson } from './lessons.ts';

function lessonText(lesson: Lesson): string {
  return `${lesson.number} · ${lesson.title}`;
}

/** A lesson whose page is not written yet is listed without a link, so nothing 404s. */
function lessonItem(lesson: Lesson): DefaultTheme.SidebarItem {
  return lesson.link ? { text: lessonText(lesson), link: lesson.link } : { text: `${lessonText(lesson)} (soon)` };
}

function pageItems(section: string): DefaultTheme.SidebarItem[] {
  return listPages(section).map((page) => ({ text: page.title, link: page.link }));
}

export function buildSidebar(): DefaultTheme.SidebarItem[] {
  return [
    {
      text: 'Guide',
      items: [
        { text: 'Getting started', link: '/guide/getting-started' },
        { text: 'Contributing', link: '/contributing' },
      ],
    },
    {
      text: 'Lessons',
      items: [{ text: 'All lessons', link: '/lessons/' }, ...listLessons().map(lessonItem)],
    },
    {
      text: 'Packages',
      items: [{ text: 'Overview', link: '/packages/' }, ...pageItems('packages')],
    },
    {
      text: 'Reference',
      items: pageItems('reference'),
    },
    {
      text: 'Decisions',
      collapsed: true,
      items: [{ text: 'All decisions', link: '/decisions/' }, ...pageItems('decisions')],
    },
  ];
}

export function buildNav(): DefaultTheme.NavItem[] {
  const lessons = listLessons().filter((lesson) => lesson.link);
  return [
    { text: 'Getting started', link: '/guide/getting-started' },
    {
      text: 'Lessons',
      items: [
        { text: 'All lessons', link: '/lessons/' },
        ...lessons.map((lesson) => ({ text: lessonText(lesson), link: lesson.link! })),
      ],
    },
    { text: 'Packages', link: '/packages/' },
    { text: 'Reference', link: '/reference/api' },
    { text: 'Decisions', link: '/decisions/' },
  ];
}
