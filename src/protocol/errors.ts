/**
 * The one error catalogue: every error code the API can answer, its HTTP status and its message.
 * Statuses follow the product's documented table (wire-protocol.md §4.2) and the gateway captures (§4.3).
 */
export const ERROR_CATALOGUE = {
  MissingParameter: { status: 400, message: 'Parameter cannot be empty.' },
  InvalidParameter: { status: 400, message: 'Invalid parameter.' },
  TransactionIdInvalid: { status: 400, message: 'The TransactionId is invalid or does not belong to this merchant.' },
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to Aliyun standards.' },
  SignatureDoesNotMatch: { status: 400, message: 'Specified signature is not matched with our calculation.' },
  'InvalidAccessKeyId.Inactive': { status: 400, message: 'Specified access key is disabled.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired.' },
  'InvalidTimeStamp.Format': { status: 400, message: 'Specified time stamp or date value is not well formatted.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  InvalidVersion: { status: 400, message: 'Specified parameter Version is not valid.' },
  'Forbidden.ExceptionRepeatedInvoke': { status: 401, message: 'Too many abnormal calls for this business ID or user.' },
  UnqualifiedPhoto: {
    status: 401,
    message:
      'The uploaded image is unreadable or the image resolution does not meet requirements. We recommend changing the image.',
  },
  DataDuplication: {
    status: 401,
    message: 'Both Base64-encoded image and URL image address are provided. Choose only one of these parameters.',
  },
  ToolargeImage: {
    status: 401,
    message: 'The image size is too large. We recommend compressing the image or changing the upload method.',
  },
  DownloadTimeout: { status: 401, message: 'URL image download timeout.' },
  'Forbidden.RAMUserAccessDenied': {
    status: 403,
    message: 'You need to grant the RAM user the AliyunAntCloudAuthFullAccess permission.',
  },
  'Forbidden.AccountAccessDenied': {
    status: 403,
    message: 'Ensure that you have activated ID verification and your account has no overdue payment.',
  },
  'Throttling.Api': { status: 403, message: 'API request is blocked due to throttling.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  'InvalidAction.NotFound': { status: 404, message: 'Specified api is not found, please check your url and method.' },
  ProcessNotCompleted: { status: 404, message: 'The verification process has not been completed.' },
  InternalError: { status: 500, message: 'Internal system error. Provide feedback to engineers for troubleshooting.' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A request that cannot be served; carries a catalogue code and an optional detail for the message. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${ERROR_CATALOGUE[code].message} ${detail}` : ERROR_CATALOGUE[code].message);
    this.name = 'ApiError';
    this.status = ERROR_CATALOGUE[code].status;
  }
}
