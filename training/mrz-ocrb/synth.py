"""Synthetic MRZ line images for training the OCR-B line recogniser.

Lines are generated with ICAO-like content (TD1/TD2/TD3/visa lines with valid check digits, names,
filler runs, cut fragments, random alphabet strings), rendered in the OCR-B fonts of Debian's
fonts-ocr-b (with other monospace faces, and proportional sans and serif faces set with their own
advances, for MRZs printed in other faces: mock-ups and specimens set in Arial, Times or Courier),
then degraded the ways
photographs and scans degrade them: geometry, paper and security print, blur, low resolution,
JPEG, noise, binarisation. Nothing here comes from an evaluation set.
"""
import io
import math
import os
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ALPHABET = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HEIGHT = 32

OCRB_FONTS = [
    "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
    "/usr/share/fonts/opentype/ocr-b/OCRBS.otf",
]
OTHER_FONTS = [
    "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
    "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Bold.otf",
]
# Proportional faces (Debian's fonts-liberation, fonts-dejavu-extra, fonts-freefont-ttf, fonts-urw-base35):
# each character takes its own advance, so an I is narrow and an M wide.
PROPORTIONAL_FONTS = [
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Regular.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf",
]
# Share of lines set in other monospace faces, and in proportional ones; the rest is OCR-B.
OTHER_MONO_SHARE = 0.07
PROPORTIONAL_SHARE = 0.0
# Share of name parts drawn from openidv's person-name list (models/person-names.txt, built by
# scripts/build-person-names.mjs from faker and human-names) instead of made-up syllables.
REAL_NAME_SHARE = 0.0
NAMES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "person-names.txt")
_NAMES = []

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
VOWELS = "AEIOUY"
CONSONANTS = "BCDFGHJKLMNPRSTVWXZ"
STATES = ["GBR", "USA", "D<<", "FRA", "ITA", "ESP", "NLD", "CHN", "JPN", "KOR", "IND", "RUS", "UTO",
          "CAN", "AUS", "BRA", "MEX", "EGY", "TUR", "POL", "SWE", "CHE", "AUT", "BEL", "PRT", "IRL",
          "HKG", "MAC", "SGP", "PHL", "IDN", "THA", "VNM", "ZAF", "NGA", "ARG", "COL", "PER", "UKR"]
_FONT_CACHE = {}


def check_digit(text):
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            v = int(ch)
        elif ch == "<":
            v = 0
        else:
            v = ord(ch) - 55
        total += v * weights[i % 3]
    return str(total % 10)


def pad(text, n):
    return (text + "<" * n)[:n]


def real_name(rng):
    if not _NAMES:
        with open(NAMES_FILE) as f:
            _NAMES.extend(line.strip() for line in f if line.strip())
    return rng.choice(_NAMES)


def name_part(rng):
    if rng.random() < REAL_NAME_SHARE:
        return real_name(rng)
    if rng.random() < 0.15:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 10)))
    n = rng.randint(1, 4)
    out = ""
    for _ in range(n):
        out += rng.choice(CONSONANTS) if rng.random() < 0.85 else ""
        out += rng.choice(VOWELS)
        if rng.random() < 0.4:
            out += rng.choice(CONSONANTS)
    return out


def names(rng, width):
    surname = "<".join(name_part(rng) for _ in range(rng.choice([1, 1, 1, 2, 2, 3])))
    given = "<".join(name_part(rng) for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])))
    text = surname + ("<<" + given if given else "")
    return pad(text, width)


def date(rng):
    return "%02d%02d%02d" % (rng.randint(0, 99), rng.randint(1, 12), rng.randint(1, 31))


def alnum(rng, n, filler_tail=True):
    k = rng.randint(max(1, n - 4), n) if filler_tail else n
    body = "".join(rng.choice(DIGITS if rng.random() < 0.6 else LETTERS) for _ in range(k))
    return pad(body, n)


def sex(rng):
    return rng.choice("MMMFFF<X")


def td3(rng):
    code = rng.choice(["P<", "P<", "P<", "PA", "PD", "PO", "PM", "PT", "V<", "VL"])
    state = rng.choice(STATES)
    l1 = code + state + names(rng, 39)
    doc = alnum(rng, 9)
    birth, expiry = date(rng), date(rng)
    personal = alnum(rng, 14) if rng.random() < 0.5 else "<" * 14
    pcheck = check_digit(personal) if personal.strip("<") or rng.random() < 0.5 else "<"
    body = doc + check_digit(doc) + rng.choice(STATES) + birth + check_digit(birth) + sex(rng) + expiry + check_digit(expiry)
    l2 = body + personal + pcheck
    composite = check_digit(l2[0:10] + l2[13:20] + l2[21:43])
    return [l1, l2 + composite]


def td2(rng):
    code = rng.choice(["I<", "ID", "AC", "IR", "V<"])
    l1 = code + rng.choice(STATES) + names(rng, 31)
    doc = alnum(rng, 9)
    birth, expiry = date(rng), date(rng)
    l2 = doc + check_digit(doc) + rng.choice(STATES) + birth + check_digit(birth) + sex(rng) + expiry + check_digit(expiry) + alnum(rng, 7)
    return [l1, l2 + check_digit(l2[0:10] + l2[13:20] + l2[21:35])]


def td1(rng):
    code = rng.choice(["I<", "ID", "IR", "AC", "C1", "IT"])
    doc = alnum(rng, 9)
    l1 = code + rng.choice(STATES) + doc + check_digit(doc) + alnum(rng, 15)
    birth, expiry = date(rng), date(rng)
    l2 = birth + check_digit(birth) + sex(rng) + expiry + check_digit(expiry) + rng.choice(STATES) + alnum(rng, 11)
    l2 = l2 + check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return [l1, l2, names(rng, 30)]


def random_line(rng):
    n = rng.randint(10, 44)
    weights = rng.choice(["uniform", "fillers", "digits"])
    out = ""
    for _ in range(n):
        r = rng.random()
        if weights == "fillers" and r < 0.4:
            out += "<"
        elif weights == "digits" and r < 0.6:
            out += rng.choice(DIGITS)
        else:
            out += rng.choice(ALPHABET)
    return out


def line_text(rng):
    r = rng.random()
    if r < 0.12:
        text = random_line(rng)
    else:
        lines = rng.choice([td3, td3, td1, td2])(rng)
        text = rng.choice(lines)
    # Training works on pieces of lines (a convolutional reader sees about 8 characters either side;
    # shorter pieces train faster); whole lines now and then.
    if rng.random() < 0.75 and len(text) > 12:
        n = rng.randint(6, min(30, len(text)))
        s = rng.randint(0, len(text) - n)
        text = text[s:s + n]
    return text


def font(path, size):
    key = (path, size)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(path, size)
    return _FONT_CACHE[key]


def security_print(rng, w, h, paper, strength=1.0):
    """Paper with gradients, guilloche-like waves and speckle, as grey levels."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.full((h, w), paper, np.float32)
    img += (x / max(w, 1) - 0.5) * rng.uniform(-40, 40) + (y / h - 0.5) * rng.uniform(-25, 25)
    for _ in range(rng.randint(0, 4)):
        f = rng.uniform(0.01, 0.12)
        ph = rng.uniform(0, 6.3)
        amp = rng.uniform(5, 40) * strength
        a = rng.uniform(0, math.pi)
        img -= amp * (0.5 + 0.5 * np.sin(f * (x * math.cos(a) + y * math.sin(a)) + ph + rng.uniform(0, 3) * np.sin(0.02 * x)))
    if rng.random() < 0.4:
        img += np.asarray(np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, rng.uniform(2, 12), (h, w)), np.float32)
    return img


def render(rng, text):
    """Render `text` and degrade it; returns (uint8 grey image of height HEIGHT, text)."""
    # Binarised scans (like the tesseractMRZ crops) come from clean, high-contrast prints.
    binarise = rng.random() < 0.45
    face = rng.random()
    proportional = face < PROPORTIONAL_SHARE
    if proportional:
        path = rng.choice(PROPORTIONAL_FONTS)
    elif face < PROPORTIONAL_SHARE + OTHER_MONO_SHARE:
        path = rng.choice(OTHER_FONTS)
    else:
        path = rng.choice(OCRB_FONTS)
    size = 48
    f = font(path, size)
    asc, desc = f.getmetrics()
    pitch = f.getlength("M") * rng.uniform(0.92, 1.12)
    if proportional:
        # the face's own advances, loosely or tightly tracked
        track = rng.uniform(0.95, 1.2)
        extra = rng.uniform(0, 0.12) * f.getlength("M")
        advances = [f.getlength(ch) * track + extra for ch in text]
        pitch = sum(advances) / len(advances)
    else:
        advances = [pitch] * len(text)
    starts = [sum(advances[:i]) for i in range(len(text))]
    cap = f.getbbox("H")[3] - f.getbbox("H")[1]
    # Margins around the text in cap heights: tight detector boxes to generous crops.
    mt, mb = rng.uniform(0.05, 0.6), rng.uniform(0.05, 0.6)
    ml, mr = rng.uniform(-0.15, 1.2) * pitch, rng.uniform(-0.15, 1.2) * pitch
    top_off = f.getbbox("H")[1]
    w = int(sum(advances) + ml + mr + 4)
    h = int(cap * (1 + mt + mb)) + 2
    ink = rng.uniform(0, 90)
    paper = rng.uniform(max(ink + 60, 140), 255)
    canvas = Image.new("L", (max(w, 8) + 40, h + 40), 255)
    mask = Image.new("L", canvas.size, 0)
    d = ImageDraw.Draw(mask)
    jitter = rng.uniform(0, 0.04) * cap
    for i, ch in enumerate(text):
        x = 20 + ml + starts[i] + rng.gauss(0, jitter)
        y = 20 + cap * mt - top_off + rng.gauss(0, jitter)
        d.text((x, y), ch, font=f, fill=255)
    # Stroke weight: thinner or heavier print.
    r = rng.random()
    if r < 0.25:
        mask = mask.filter(ImageFilter.MaxFilter(3))
    elif r < 0.4:
        mask = mask.filter(ImageFilter.MinFilter(3))
    bg = security_print(rng, canvas.size[0], canvas.size[1], paper, 0.25 if binarise else 1.0)
    m = np.asarray(mask, np.float32) / 255.0
    img = bg * (1 - m) + ink * m
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    # Geometry: slight roll, shear, then the crop.
    ang = rng.gauss(0, 0.35)
    shear = rng.gauss(0, 0.06)
    im = im.transform(im.size, Image.AFFINE, (1, shear, -shear * im.size[1] / 2, 0, 1, 0), resample=Image.BILINEAR, fillcolor=int(paper))
    im = im.rotate(ang, resample=Image.BILINEAR, fillcolor=int(paper))
    im = im.crop((20, 20, 20 + w, 20 + h))
    # Resolution: the line's cap height in the source, 6 to 40 px.
    target_cap = math.exp(rng.uniform(math.log(6), math.log(40)))
    scale = target_cap / cap
    blur = rng.uniform(0, 1.6) if rng.random() < 0.8 else 0
    if blur > 0.2:
        im = im.filter(ImageFilter.GaussianBlur(blur / max(scale, 0.05) * 0.5))
    sw, sh = max(4, int(round(w * scale * rng.uniform(0.9, 1.1)))), max(4, int(round(h * scale)))
    im = im.resize((sw, sh), Image.BILINEAR if rng.random() < 0.5 else Image.LANCZOS)
    a = np.asarray(im, np.float32)
    if rng.random() < 0.5:
        a = a + np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, rng.uniform(1, 10), a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=rng.randint(25, 95))
        im = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    if binarise:
        big = im.resize((max(8, int(im.size[0] * 60 / im.size[1])), 60), Image.BILINEAR)
        a = np.asarray(big, np.float32)
        lo, hi = np.percentile(a, 3), np.percentile(a, 97)
        thr = lo + (hi - lo) * rng.uniform(0.25, 0.65)
        im = Image.fromarray(np.where(a > thr, 255, 0).astype(np.uint8))
        # strokes broken or merged by the scanner's threshold (a 0 opening into a U)
        r = rng.random()
        if r < 0.2:
            im = im.filter(ImageFilter.MaxFilter(3))
        elif r < 0.35:
            im = im.filter(ImageFilter.MinFilter(3))
    # Contrast, occasional inversion of polarity is not an MRZ thing; keep dark on light.
    out_w = max(8, int(round(im.size[0] * HEIGHT / im.size[1])))
    im = im.resize((out_w, HEIGHT), Image.BILINEAR)
    return np.asarray(im, np.uint8), text


def sample(rng):
    text = line_text(rng)
    return render(rng, text)


if __name__ == "__main__":
    import sys
    rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    rows = []
    for i in range(16):
        img, text = sample(rng)
        print(text, img.shape)
        rows.append(img)
    W = max(r.shape[1] for r in rows)
    sheet = np.full((len(rows) * (HEIGHT + 4), W), 255, np.uint8)
    for i, r in enumerate(rows):
        sheet[i * (HEIGHT + 4):i * (HEIGHT + 4) + HEIGHT, :r.shape[1]] = r
    Image.fromarray(sheet).save("/tmp/synth-sheet.png")
