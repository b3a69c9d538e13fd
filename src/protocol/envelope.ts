import { ERROR_CATALOGUE, type ErrorCode } from './errors.js';

export const API_VERSION = '2022-08-09';
export const PRODUCT = 'Cloudauth-intl';
export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

export function successBody(requestId: string, result: Readonly<Record<string, string>>) {
  return { RequestId: requestId, Code: 'Success', Message: 'success', Result: result };
}

export function errorBody(requestId: string, hostId: string, code: ErrorCode, message?: string) {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: code,
    Message: message ?? ERROR_CATALOGUE[code].message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${PRODUCT}&requestId=${requestId}`,
  };
}
