import { render } from 'preact';
import '@/components/ui.css';
import { t, uiLocale } from '@/utils/i18n';
import { App } from './App';
import './style.css';

document.documentElement.lang = uiLocale();
document.title = t('historyTitle');
render(<App />, document.getElementById('app')!);
