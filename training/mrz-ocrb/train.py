"""Train the OCR-B MRZ line recogniser on synthetic lines and export it to ONNX.

    /usr/bin/python3 training/mrz-ocrb/train.py --minutes 60 --out models/mrz-ocrb.onnx \
        [--monitor /path/to/tesseractMRZ/dataset]

A small fully convolutional CTC model: 32-px-high grey line in, one class distribution per 4 input
columns out (blank + the 37 MRZ characters). `--monitor` prints, now and then, greedy exact-line
accuracy on a fixed tuning sample of real crops (every 8th of the even-indexed crops of the sorted
list; the odd-indexed half is never looked at here) so a checkpoint can be chosen; training never
sees them.
"""
import argparse
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

import synth

ALPHABET = synth.ALPHABET
HEIGHT = synth.HEIGHT
WIDE_DILATIONS = (2, 4, 8)


class LineReader(nn.Module):
    def __init__(self, classes=len(ALPHABET) + 1):
        super().__init__()

        def block(cin, cout, k=3, p=1):
            return [nn.Conv2d(cin, cout, k, padding=p, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]

        self.features = nn.Sequential(
            *block(1, 16), nn.MaxPool2d(2, 2),                     # 16 x W/2
            *block(16, 32), nn.MaxPool2d(2, 2),                    # 8 x W/4
            *block(32, 64), *block(64, 64), nn.MaxPool2d((2, 1)),  # 4 x W/4
            *block(64, 96), nn.MaxPool2d((2, 1)),                  # 2 x W/4
            *block(96, 128, k=(2, 1), p=0),                        # 1 x W/4
        )
        self.context = nn.Sequential(
            nn.Conv1d(128, 128, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv1d(128, 128, 3, padding=1), nn.ReLU(inplace=True),
        )
        # Wider context along the line (about 8 characters each side): whether a round glyph is O or 0,
        # I or 1 depends on its neighbours (names are letters, dates digits). Residual, so that with the
        # last conv of each block at zero the model is exactly the narrow one it can start from.
        self.wide = nn.ModuleList(
            nn.Sequential(nn.Conv1d(128, 128, 3, padding=d, dilation=d), nn.ReLU(inplace=True), nn.Conv1d(128, 128, 1))
            for d in WIDE_DILATIONS
        )
        self.dropout = nn.Dropout(0.1)
        self.classify = nn.Conv1d(128, classes, 1)

    # Batch norms kept at their exported (folded) state: after --init-onnx their running statistics are the
    # identity the export folded them into, and batch statistics would first pull the model far from the one
    # it starts from (session 9: monitor 0.896 -> 0.604 after 250 steps without this).
    keep_norms = False

    def train(self, mode=True):
        super().train(mode)
        if mode and self.keep_norms:
            for m in self.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.eval()
        return self

    def forward(self, x):  # x: N x 1 x 32 x W, values in [-1, 1]
        f = self.context(self.features(x).squeeze(2))  # N x C x T
        for block in self.wide:
            f = f + block(f)
        return self.classify(self.dropout(f))  # N x classes x T (logits)

    def zero_wide(self):
        for block in self.wide:
            nn.init.zeros_(block[2].weight)
            nn.init.zeros_(block[2].bias)

    def load_onnx(self, path):
        """Weights of an exported model (its batch norms folded into the convolutions by the export); a
        narrow-context model leaves the wide blocks at zero, so the result reads exactly as it did."""
        import onnx
        from onnx import numpy_helper
        weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(path).graph.initializer}
        folded = [weights[k] for k in sorted((k for k in weights if k.startswith("onnx::Conv_")), key=lambda k: int(k.split("_")[-1]))]
        convs = [m for m in self.features if isinstance(m, nn.Conv2d)]
        norms = [m for m in self.features if isinstance(m, nn.BatchNorm2d)]
        assert len(folded) == 2 * len(convs), "not a model of this architecture"
        with torch.no_grad():
            for conv, norm, w, b in zip(convs, norms, folded[0::2], folded[1::2]):
                conv.weight.copy_(w)
                norm.weight.fill_(1.0)
                norm.bias.copy_(b)
                norm.running_mean.zero_()
                norm.running_var.fill_(1.0 - norm.eps)
            for name, p in self.named_parameters():
                if name in weights:
                    p.copy_(weights[name])
        if not any(k.startswith("wide.") for k in weights):
            self.zero_wide()


def to_tensor(imgs):
    w = max(i.shape[1] for i in imgs)
    w = int(math.ceil(w / 4) * 4)
    batch = np.ones((len(imgs), 1, HEIGHT, w), np.float32)
    lengths = []
    for k, im in enumerate(imgs):
        batch[k, 0, :, :im.shape[1]] = im.astype(np.float32) / 255.0
        # Right padding continues the line's own background.
        batch[k, 0, :, im.shape[1]:] = np.median(im[:, -3:]) / 255.0
        lengths.append(im.shape[1] // 4)
    return torch.from_numpy(batch * 2 - 1), lengths


def greedy(logits):
    best = logits.argmax(1).numpy()
    out = []
    for row in best:
        s, prev = [], 0
        for c in row:
            if c != 0 and c != prev:
                s.append(ALPHABET[c - 1])
            prev = c
        out.append("".join(s))
    return out


class Stream(torch.utils.data.IterableDataset):
    """Endless batches of synthetic lines; lines of similar width are batched together (less padding)."""

    def __init__(self, seed, batch):
        self.seed = seed
        self.batch = batch

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = random.Random(self.seed * 1000003 + (info.id if info else 0) * 7919 + int(time.time()))
        while True:
            pool = sorted((synth.sample(rng) for _ in range(self.batch * 8)), key=lambda s: s[0].shape[1])
            batches = [pool[k:k + self.batch] for k in range(0, len(pool), self.batch)]
            rng.shuffle(batches)
            for b in batches:
                yield [i[0] for i in b], [i[1] for i in b]


def as_is(batch):
    return batch


def load_monitor(folder):
    files = sorted(f for f in os.listdir(folder) if f.endswith(".tif"))
    picked = [f for i, f in enumerate(files) if i % 16 == 0]  # every 8th of the even-indexed half
    out = []
    for f in picked:
        im = Image.open(os.path.join(folder, f)).convert("L")
        w = max(8, int(round(im.size[0] * HEIGHT / im.size[1])))
        out.append((np.asarray(im.resize((w, HEIGHT), Image.BILINEAR), np.uint8),
                    open(os.path.join(folder, f[:-4] + ".gt.txt")).read().strip()))
    return out


def evaluate(model, data):
    model.eval()
    exact = 0
    with torch.no_grad():
        for k in range(0, len(data), 16):
            chunk = data[k:k + 16]
            x, _ = to_tensor([c[0] for c in chunk])
            for text, (_, gt) in zip(greedy(model(x)), chunk):
                exact += text == gt
    model.train()
    return exact / max(1, len(data))


def export(model, path):
    model.eval()
    x = torch.zeros(1, 1, HEIGHT, 400)
    torch.onnx.export(model, x, path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch", 3: "width"}, "logits": {0: "batch", 2: "steps"}},
                      opset_version=13)
    model.train()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--out", default="models/mrz-ocrb.onnx")
    ap.add_argument("--monitor", default=None)
    ap.add_argument("--keep-norms", action="store_true",
                    help="with --init-onnx: batch norms stay as exported (running statistics not re-estimated)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--resume", default=None)
    ap.add_argument("--init-onnx", default=None, help="start from an exported model (narrow-context models start with the wide blocks at zero)")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--proportional", type=float, default=synth.PROPORTIONAL_SHARE,
                    help="share of lines set in proportional faces (synth.PROPORTIONAL_FONTS)")
    ap.add_argument("--real-names", type=float, default=synth.REAL_NAME_SHARE,
                    help="share of name parts drawn from models/person-names.txt")
    args = ap.parse_args()
    synth.PROPORTIONAL_SHARE = args.proportional
    synth.REAL_NAME_SHARE = args.real_names
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    model = LineReader()
    if args.init_onnx:
        model.load_onnx(args.init_onnx)
        model.keep_norms = args.keep_norms
    model.train()
    if args.resume:
        model.load_state_dict(torch.load(args.resume))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    loader = torch.utils.data.DataLoader(Stream(args.seed, args.batch), batch_size=None, num_workers=1, collate_fn=as_is,
                                         prefetch_factor=8)
    monitor = load_monitor(args.monitor) if args.monitor else None
    start = time.time()
    budget = args.minutes * 60
    step, seen, loss_avg, best = 0, 0, None, -1
    if monitor:
        print(f"start monitor exact {evaluate(model, monitor):.3f}", flush=True)
    for imgs, texts in loader:
        elapsed = time.time() - start
        if elapsed > budget:
            break
        # One-cycle-like schedule over the time budget: warm-up, then cosine decay.
        frac = elapsed / budget
        lr = args.lr * min(1.0, frac / 0.05) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.97 + 0.03)
        for g in opt.param_groups:
            g["lr"] = lr
        x, lengths = to_tensor(imgs)
        targets = torch.tensor([ALPHABET.index(c) + 1 for t in texts for c in t], dtype=torch.long)
        target_lengths = torch.tensor([len(t) for t in texts], dtype=torch.long)
        logits = model(x)
        logp = logits.log_softmax(1).permute(2, 0, 1)  # T x N x C
        loss = ctc(logp, targets, torch.tensor(lengths, dtype=torch.long), target_lengths)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        step += 1
        seen += len(imgs)
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        if step % 50 == 0:
            msg = f"{elapsed / 60:6.1f} min step {step} seen {seen} lr {lr:.5f} loss {loss_avg:.4f}"
            if monitor and step % 250 == 0:
                acc = evaluate(model, monitor)
                msg += f" monitor exact {acc:.3f}"
                if acc >= best:
                    best = acc
                    torch.save(model.state_dict(), args.out + ".best.pt")
            torch.save(model.state_dict(), args.out + ".pt")
            print(msg, flush=True)
    torch.save(model.state_dict(), args.out + ".pt")
    export(model, args.out)
    if monitor:
        print(f"final monitor exact {evaluate(model, monitor):.3f} (best {best:.3f})", flush=True)


if __name__ == "__main__":
    main()
