/**
 * Built-in texts of the capture page. Pure data: the server validates LanguageConfig/StyleConfig
 * against these keys and the page renders with them.
 */
export const TEXT_KEYS = [
  'title', 'guideTitle', 'guideTip1', 'guideTip2', 'guideTip3', 'start',
  'frontPrompt', 'backPrompt', 'hintTooFar', 'hintBlurry', 'hintGlare', 'hintDark', 'hintHold',
  'capture', 'album', 'upload', 'noCamera', 'processing',
  'retry211', 'retry212', 'retry213', 'retake', 'resultTitle', 'resultHintEdit', 'confirm',
  'done', 'expired', 'used', 'error', 'tooLarge',
] as const;

export type TextKey = (typeof TEXT_KEYS)[number];
export type Texts = Record<TextKey, string>;

const en: Texts = {
  title: 'Verify your ID document',
  guideTitle: 'Before you start',
  guideTip1: 'Have your document at hand and find a well-lit place.',
  guideTip2: 'Lay the document flat, avoid reflections and keep all four corners in the frame.',
  guideTip3: 'Your photo is used only to read the document for this verification.',
  start: 'Start',
  frontPrompt: 'Place the front of the document in the frame',
  backPrompt: 'Now place the back of the document in the frame',
  hintTooFar: 'Move closer',
  hintBlurry: 'Hold still, the image is blurry',
  hintGlare: 'Avoid glare',
  hintDark: 'More light, please',
  hintHold: 'Hold still…',
  capture: 'Take photo',
  album: 'Choose from album',
  upload: 'Take or choose a photo',
  noCamera: 'The camera is not available. Take a photo with your camera app or choose one.',
  processing: 'Reading your document…',
  retry211: 'The photo is not clear enough. Please try again with the whole document sharp and well lit.',
  retry212: 'The photo looks like a copy or a screen. Please photograph the original document.',
  retry213: 'We could not find the requested document in the photo. Please try again.',
  retake: 'Try again',
  resultTitle: 'Check your details',
  resultHintEdit: 'Correct any field that was read wrongly.',
  confirm: 'Confirm',
  done: 'Thank you. You can close this page.',
  expired: 'This verification link has expired.',
  used: 'This verification link has already been used.',
  error: 'Something went wrong. Please try again.',
  tooLarge: 'The photo is too large or not a JPEG/PNG image.',
};

const zhCN: Texts = {
  title: '证件验证',
  guideTitle: '开始之前',
  guideTip1: '请准备好证件，并在光线充足的地方进行。',
  guideTip2: '将证件平放，避免反光，确保四个角都在框内。',
  guideTip3: '照片仅用于本次验证时识别证件。',
  start: '开始',
  frontPrompt: '请将证件正面放入框内',
  backPrompt: '请将证件背面放入框内',
  hintTooFar: '请靠近一些',
  hintBlurry: '请保持稳定，图像模糊',
  hintGlare: '请避免反光',
  hintDark: '光线太暗',
  hintHold: '请保持不动…',
  capture: '拍照',
  album: '从相册选择',
  upload: '拍照或选择照片',
  noCamera: '无法使用摄像头。请用相机拍照或选择一张照片。',
  processing: '正在识别证件…',
  retry211: '照片不够清晰，请确保证件完整、清晰、光线充足后重试。',
  retry212: '照片疑似翻拍或复印件，请拍摄证件原件。',
  retry213: '照片中未检测到所需证件，请重试。',
  retake: '重新拍摄',
  resultTitle: '核对信息',
  resultHintEdit: '如有识别错误，请修改。',
  confirm: '确认',
  done: '验证已完成，您可以关闭此页面。',
  expired: '此验证链接已过期。',
  used: '此验证链接已被使用。',
  error: '出现错误，请重试。',
  tooLarge: '照片太大或不是 JPEG/PNG 图片。',
};

const zhTW: Texts = {
  title: '證件驗證',
  guideTitle: '開始之前',
  guideTip1: '請準備好證件，並在光線充足的地方進行。',
  guideTip2: '將證件平放，避免反光，確保四個角都在框內。',
  guideTip3: '照片僅用於本次驗證時識別證件。',
  start: '開始',
  frontPrompt: '請將證件正面放入框內',
  backPrompt: '請將證件背面放入框內',
  hintTooFar: '請靠近一些',
  hintBlurry: '請保持穩定，影像模糊',
  hintGlare: '請避免反光',
  hintDark: '光線太暗',
  hintHold: '請保持不動…',
  capture: '拍照',
  album: '從相簿選擇',
  upload: '拍照或選擇照片',
  noCamera: '無法使用相機。請用相機拍照或選擇一張照片。',
  processing: '正在識別證件…',
  retry211: '照片不夠清晰，請確保證件完整、清晰、光線充足後重試。',
  retry212: '照片疑似翻拍或影印本，請拍攝證件正本。',
  retry213: '照片中未偵測到所需證件，請重試。',
  retake: '重新拍攝',
  resultTitle: '核對資料',
  resultHintEdit: '如有識別錯誤，請修改。',
  confirm: '確認',
  done: '驗證已完成，您可以關閉此頁面。',
  expired: '此驗證連結已過期。',
  used: '此驗證連結已被使用。',
  error: '發生錯誤，請重試。',
  tooLarge: '照片太大或不是 JPEG/PNG 圖片。',
};

export const BUILT_IN: Readonly<Record<string, Texts>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/** Field labels of the OCR result page; unknown fields are shown by name. */
export const FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    surname: 'Surname', givenname: 'Given names', name: 'Name', englishName: 'Name (English)', sex: 'Sex',
    birthDate: 'Date of birth', passportNo: 'Passport number', idNumber: 'Document number', nationality: 'Nationality',
    expiryDate: 'Date of expiry', countryCode: 'Issuing country', issueDate: 'Date of issue', address: 'Address',
    ethnicity: 'Ethnicity', originOfIssue: 'Issuing authority', placeOfIssue: 'Place of issue', documentCode: 'Document code',
    issueAuthority: 'Issuing authority', validPeriod: 'Valid period',
  },
  'zh-CN': {
    surname: '姓', givenname: '名', name: '姓名', englishName: '英文姓名', sex: '性别', birthDate: '出生日期',
    passportNo: '护照号码', idNumber: '证件号码', nationality: '国籍', expiryDate: '有效期至', countryCode: '签发国',
    issueDate: '签发日期', address: '住址', ethnicity: '民族', originOfIssue: '签发机关', placeOfIssue: '签发地点', documentCode: '证件类型',
    issueAuthority: '签发机关', validPeriod: '有效期限',
  },
  'zh-TW': {
    surname: '姓', givenname: '名', name: '姓名', englishName: '英文姓名', sex: '性別', birthDate: '出生日期',
    passportNo: '護照號碼', idNumber: '證件號碼', nationality: '國籍', expiryDate: '有效期至', countryCode: '簽發國',
    issueDate: '簽發日期', address: '住址', ethnicity: '民族', originOfIssue: '簽發機關', placeOfIssue: '簽發地點', documentCode: '證件類型',
    issueAuthority: '簽發機關', validPeriod: '有效期限',
  },
};

/** Picks the built-in language closest to a BCP 47 tag: zh-TW/zh-HK/zh-Hant → zh-TW, other zh → zh-CN. */
export function builtInLanguage(tag: string): string {
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return /hant|tw|hk|mo/.test(t) ? 'zh-TW' : 'zh-CN';
  return 'en';
}
