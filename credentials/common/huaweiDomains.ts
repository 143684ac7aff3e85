/**
 * The registrable domains of every endpoint in the region tables of Huawei's Go SDK
 * (huaweicloud-sdk-go-v3, services/{service}/v{n}/region/*.go, 208 tables): nearly all endpoints are
 * {service}.{region}.myhuaweicloud.com; some services use .cn in many regions, eu-west-101 uses .eu,
 * and CTS has one .asia (ap-southeast-5) and one .africa (af-north-1) endpoint; Meeting, IDME and
 * OROAS live under huaweicloud.com, and one Auto Scaling endpoint under myhwclouds.com.
 * A host is Huawei's when it is one of these or a subdomain of one.
 */
export const HUAWEI_DOMAIN_SUFFIXES: readonly string[] = [
	'myhuaweicloud.com',
	'myhuaweicloud.cn',
	'myhuaweicloud.eu',
	'myhuaweicloud.asia',
	'myhuaweicloud.africa',
	'huaweicloud.com',
	'myhwclouds.com',
];
