import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppI18n, initialLocale } from './i18n';
import { bindRealtime } from './realtime/bindRealtime';
import { createSocket } from './realtime/socket';
import './styles/main.css';

const locale = initialLocale();
document.documentElement.lang = locale;

const app = createApp(App);
// Installing Pinia makes it the active one, which bindRealtime's stores use.
app.use(createPinia());
app.use(createAppI18n(locale));

// Listeners first, then connect: the snapshot sent on connect must find them in place.
const socket = createSocket();
bindRealtime(socket);
socket.connect();

app.mount('#app');
