;; Element-wise kernels for autodiff's products (product_to.ts): the additions the TypeScript loops do, two
;; lanes at a time (f64x2.add rounds each lane as the scalar add does), so the bits are the same. Arrays are
;; f64 at byte offsets; widths are even (the caller pads rows to 4). Assembled by scripts/build_gemm.ts into
;; elementwise_wasm.ts, and instantiated on gemm.wat's memory (elementwise.ts).
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; dst[i] = dst[i] + src[i] for i < n (n even): a gradient plus a product.
  (func (export "vadd") (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
      (v128.store (local.get $dst) (f64x2.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (br $l))))

  ;; x[i][j] = x[i][j] + b[j] for `rows` rows of m values (m even), rows ld bytes apart: a product plus a bias.
  (func (export "addbias") (param $x i32) (param $rows i32) (param $m i32) (param $ld i32) (param $b i32)
    (local $j i32) (local $w i32)
    (local.set $w (i32.shl (local.get $m) (i32.const 3)))
    (block $done (loop $r
      (br_if $done (i32.eqz (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $jd (loop $c
        (br_if $jd (i32.ge_u (local.get $j) (local.get $w)))
        (v128.store (i32.add (local.get $x) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $x) (local.get $j))) (v128.load (i32.add (local.get $b) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $c)))
      (local.set $x (i32.add (local.get $x) (local.get $ld)))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
      (br $r))))

  ;; out[j] = (…((out[j] + x[0][j]) + x[1][j]) + …) + x[rows−1][j]: the rows in order, as the loop over rows
  ;; adds them; m even, rows ld bytes apart. Eight columns at a time (four independent sums), then pairs.
  (func (export "colsum") (param $x i32) (param $rows i32) (param $m i32) (param $ld i32) (param $out i32)
    (local $j i32) (local $w i32) (local $p i32) (local $i i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $w (i32.shl (local.get $m) (i32.const 3)))
    (block $jd (loop $c8
      (br_if $jd (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $w)))
      (local.set $s0 (v128.load (i32.add (local.get $out) (local.get $j))))
      (local.set $s1 (v128.load offset=16 (i32.add (local.get $out) (local.get $j))))
      (local.set $s2 (v128.load offset=32 (i32.add (local.get $out) (local.get $j))))
      (local.set $s3 (v128.load offset=48 (i32.add (local.get $out) (local.get $j))))
      (local.set $p (i32.add (local.get $x) (local.get $j)))
      (local.set $i (local.get $rows))
      (block $id (loop $r
        (br_if $id (i32.eqz (local.get $i)))
        (local.set $s0 (f64x2.add (local.get $s0) (v128.load (local.get $p))))
        (local.set $s1 (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $p))))
        (local.set $s2 (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $p))))
        (local.set $s3 (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $ld)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $r)))
      (v128.store (i32.add (local.get $out) (local.get $j)) (local.get $s0))
      (v128.store offset=16 (i32.add (local.get $out) (local.get $j)) (local.get $s1))
      (v128.store offset=32 (i32.add (local.get $out) (local.get $j)) (local.get $s2))
      (v128.store offset=48 (i32.add (local.get $out) (local.get $j)) (local.get $s3))
      (local.set $j (i32.add (local.get $j) (i32.const 64)))
      (br $c8)))
    (block $jd2 (loop $c2
      (br_if $jd2 (i32.ge_u (local.get $j) (local.get $w)))
      (local.set $s0 (v128.load (i32.add (local.get $out) (local.get $j))))
      (local.set $p (i32.add (local.get $x) (local.get $j)))
      (local.set $i (local.get $rows))
      (block $id2 (loop $r2
        (br_if $id2 (i32.eqz (local.get $i)))
        (local.set $s0 (f64x2.add (local.get $s0) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $ld)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $r2)))
      (v128.store (i32.add (local.get $out) (local.get $j)) (local.get $s0))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $c2))))
)
