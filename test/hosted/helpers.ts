import { officialClient } from '../helpers/app.js';

export const META_INFO = JSON.stringify({ deviceType: 'h5', ua: 'Mozilla/5.0 test', bioMetaInfo: 'camera:1' });

export const VALID_INITIALIZE = {
  ProductCode: 'ID_OCR',
  MerchantBizId: 'e0c34a77f5ac40a5aa5e6ed20c35abcd',
  MetaInfo: META_INFO,
  MerchantUserId: 'user123',
  DocType: '01000000',
};

/** Initialize and CheckResult take their parameters in the query, as the product SDK sends them. */
export const initializeCall = (port: number, query: Record<string, string>) => officialClient(port).call('Initialize', {}, query);
export const checkResultCall = (port: number, query: Record<string, string>) => officialClient(port).call('CheckResult', {}, query);
