/** Character sets for restricted decoding. */

/** ICAO 9303 machine-readable-zone alphabet. */
export const MRZ_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
