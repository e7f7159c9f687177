// First: it must run before any module builds a zod schema.
import './zodConfig';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppI18n, initialLocale } from './i18n';
import { bindRealtime } from './realtime/bindRealtime';
import { followSession } from './realtime/followSession';
import { createSocket } from './realtime/socket';
import { createAppRouter } from './router';
import './styles/main.css';
import './styles/dataTable.css';
import './styles/controls.css';

const locale = initialLocale();
document.documentElement.lang = locale;

const app = createApp(App);
// Installing Pinia makes it the active one, which bindRealtime's stores and the router's guard use.
app.use(createPinia());
app.use(createAppI18n(locale));
const router = createAppRouter();

// Listeners first; the socket connects only once a session exists (after sign-in, or when the
// router's guard finds one: a wallboard TV's cookie), so the snapshot finds them in place.
const socket = createSocket();
bindRealtime(socket);
followSession(socket, router);

// Installing the router starts the first navigation, whose guard loads the session.
app.use(router);

app.mount('#app');
