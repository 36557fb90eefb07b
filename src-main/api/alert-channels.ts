/**
 * The staff's view of alerts: the open ones, and acknowledging one. Either staff unlock will do
 * (the front desk's PIN or an administrator): an alert holds no client data, and the person at
 * the desk is the one who must see it. Acknowledging is audited with who.
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers } from '../contract';
import { actorOf } from '../staff/staff-session';

type AlertChannel = 'frontdesk.alerts' | 'frontdesk.acknowledgeAlert';

export function alertChannels(ctx: ApiContext): ChannelHandlers<AlertChannel> {
  return {
    'frontdesk.alerts': () => {
      ctx.staff.requireFrontDesk();
      ctx.alerts.resumeDeliveries();
      return ctx.alerts.open();
    },
    'frontdesk.acknowledgeAlert': ({ alertId }) => {
      const holder = ctx.staff.requireFrontDesk();
      return ctx.alerts.acknowledge(alertId, actorOf(holder));
    },
  };
}
