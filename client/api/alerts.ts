import { alertSchema, alertsResponseSchema, routes } from '../../shared/contracts/http';
import type { AlertSettings, AlertSettingsUpdate } from '../../shared/domain/alertTypes';
import { api } from './http';

/** Today's alerts of the viewer's scope: open ones and cleared ones. */
export const fetchAlerts = () => api.get(routes.alerts, alertsResponseSchema);

/** Acknowledges as the signed-in person; answers with the updated alert. */
export const acknowledgeAlert = (id: string) => api.post(routes.alertAck(id), undefined, alertSchema);

export const fetchAlertSettings = () => api.get<AlertSettings>(routes.alertSettings);

/** Sets the floor's thresholds or one team's overrides; answers with the new settings. */
export const updateAlertSettings = (update: AlertSettingsUpdate) =>
  api.put<AlertSettings>(routes.alertSettings, update);
