import { useI18n } from 'vue-i18n';
import { formatMoney } from '../format';
import { useSessionStore } from '../stores/session';

/** `money(amount)` in the floor's currency (told with the session) and the screen's language. */
export function useMoney(): (amount: number) => string {
  const { locale } = useI18n();
  const session = useSessionStore();
  return (amount) => formatMoney(amount, session.currency, locale.value);
}
