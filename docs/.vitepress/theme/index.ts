// The default theme plus a few rules in custom.css. VitePress requires this
// default export.
import DefaultTheme from 'vitepress/theme';
import './custom.css';

export default DefaultTheme;
