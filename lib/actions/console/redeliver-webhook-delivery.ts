"use server";

import { z } from "zod";
import { redeliverWebhookDelivery } from "@/lib/events/redeliver-webhook-delivery";
import { recordStaffAudit } from "@/lib/staff/record-staff-audit";
import { adminConsoleAction } from "./console-action";
import { organizationRef } from "./organization-ref";

export const redeliverWebhookDeliveryAction = adminConsoleAction
  .inputSchema(z.object({ organizationId: z.string().min(1), deliveryId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const organization = await organizationRef(parsedInput.organizationId);
    const delivery = await redeliverWebhookDelivery({ id: parsedInput.deliveryId, organizationId: organization.id });
    await recordStaffAudit({ staff: ctx.staff, action: "webhook_delivery.redelivered", organization, target: { type: "webhook_delivery", id: delivery.id } });
    return { status: delivery.status };
  });
