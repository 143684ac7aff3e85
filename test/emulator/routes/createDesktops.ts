import { randomUUID } from 'crypto';

import { checkCreation, generatedName, newDesktopId, type PendingCreation } from '../creation';
import { apiError } from '../errors';
import type { SubJob } from '../power';
import { checkTagList } from '../validation/tags';
import { type Handler, jsonObject } from './context';

/**
 * POST /desktops (CreateDesktopRequest, body CreateDesktopReq) -> CreateDesktopResponse { job_id }.
 * The body is checked as a whole (see creation.ts; tags with the SDK's Tag rule and the desktop tag
 * quota); then the quota (desktops that exist or are being created, plus those asked for); then the
 * computer names against the project's. One job, one sub job per entry of `desktops`
 * (job_type CREATE_DESKTOP): RUNNING for the creation time, then SUCCESS with the new desktop
 * (ACTIVE, its user, the request's tags and product) and its ID in `entities.desktop_id`, or FAILED
 * with the reason set for that user (setCreationFailure), and no desktop.
 */
export const createDesktops: Handler = ({ body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const checked = checkCreation(parsed.value, state.products, state.images);
	if (!checked.ok) return apiError('INVALID_PARAM', checked.problem);
	const tags = checkTagList(parsed.value.tags, 'tags', { max: state.maxTagsPerDesktop });
	if (!tags.ok) return tags.reply;
	const request = checked.value;
	const count = request.desktops.length;
	const counted = state.desktopsCounted();
	if (counted + count > state.desktopQuota) {
		return apiError(
			'DESKTOP_QUOTA_EXCEEDED',
			`${count} desktop${count === 1 ? '' : 's'} requested, ${counted} in use, quota ${state.desktopQuota}.`,
		);
	}
	const taken = request.desktops.find((d) => d.computer_name !== undefined && state.computerNameTaken(d.computer_name));
	if (taken) return apiError('INVALID_PARAM', `computer_name ${taken.computer_name} is already used in this project.`);

	const until = state.power.now() + state.creationMs;
	const subJobs: SubJob[] = [];
	for (const entry of request.desktops) {
		let computerName = entry.computer_name ?? (count === 1 ? request.desktopName : undefined);
		while (computerName === undefined || state.computerNameTaken(computerName)) {
			computerName = generatedName(request.desktopName, state.nextGeneratedName());
		}
		const failureKey = entry.user_name.toLowerCase();
		const failReason = state.creationFailures.get(failureKey);
		state.creationFailures.delete(failureKey);
		const creation: PendingCreation = {
			desktopId: newDesktopId(),
			computerName,
			userName: entry.user_name,
			productId: request.product.product_id,
			tags: tags.value,
			until,
			failReason,
			settled: false,
		};
		state.creations.push(creation);
		subJobs.push({
			id: randomUUID(),
			desktopId: creation.desktopId,
			desktopName: computerName,
			userName: entry.user_name,
			until,
			outcome: failReason === undefined ? 'ok' : 'fail',
			failReason,
			productId: creation.productId,
			idOnlyOnSuccess: true,
		});
	}
	return { status: 200, body: { job_id: state.power.addJobOfType('CREATE_DESKTOP', subJobs) } };
};
