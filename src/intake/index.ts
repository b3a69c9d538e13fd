/** Image intake: base64 decoding, safe URL download, and checked decoding to RGB. */
export { decodeBase64Image, loadImage, DEFAULT_IMAGE_LIMITS } from './decode-image.js';
export type { ImageFormat, ImageLimits, LoadedImage } from './decode-image.js';
export { fetchImage, DEFAULT_FETCH_OPTIONS } from './fetch-image.js';
export type { FetchImageOptions, ResolvedAddress } from './fetch-image.js';
export { isPublicAddress } from './address-policy.js';
