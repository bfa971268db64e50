;; The module lib/gemm runs on (float64, f64x2 SIMD, one shared memory for both threads):
;;   gemm       C += A·B on packed operands, cache-blocked, 4×4 register tile (matmul, product)
;;   packb      B → column panels of 4, the layout the kernels read
;;   gemmu      C = A·B with A read in place (multi-head attention's products)
;;   heads      a range of attention heads: Q_h·K_hᵀ, softmax, ·V_h into the concatenated output
;;   softmax    row softmax with an exp bit-identical to V8's Math.exp (exp: that exp on its own)
;;   attf/attb  autodiff's fused attention over a batch of sequences, forward and backward
;; gemm_fma.wat holds gemm with fused multiply-adds (gemmf) and a 6×4-tile gemmu with them (gemmuf).
;; Assembled by scripts/build_gemm.ts (wabt) into gemm_wasm.ts; test/lib/gemm_build.test.ts re-assembles it.
;;
;; Layout (byte offsets into the imported shared memory; every value an f64):
;;   A packed in row panels of 4 rows: panel r at a + r·(4k·8), then for each p the 4 values A[4r..4r+3][p].
;;   B packed in column panels of 4 columns: panel c at b + c·(4k·8), then for each p the 4 values B[p][4c..4c+3].
;;   C row-major, n4 × m4 (both padded to multiples of 4), ldc = m4·8 bytes per row.
;; Summation order: each C[i][j] is loaded (or starts at +0), then a_ip·b_pj is added for p = 0, 1, …, k−1 one
;; term at a time (a multiply, then an add: no fused multiply-add), so with C = 0 the result is bit-identical
;; to the naive i-p-j loop whatever the blocking or the split of rows between threads.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; One 4×4 tile of C: c[0..3][0..3] += Σ_p a[p][0..3]ᵀ b[p][0..3] over kl steps.
  (func $tile (param $a i32) (param $b i32) (param $c i32) (param $kl i32) (param $ldc i32)
    (local $c00 v128) (local $c02 v128) (local $c10 v128) (local $c12 v128)
    (local $c20 v128) (local $c22 v128) (local $c30 v128) (local $c32 v128)
    (local $b0 v128) (local $b2 v128) (local $x v128) (local $r i32)
    ;; load the tile (C starts at zero, or holds the sum over earlier k blocks)
    (local.set $r (local.get $c))
    (local.set $c00 (v128.load (local.get $r))) (local.set $c02 (v128.load offset=16 (local.get $r)))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (local.set $c10 (v128.load (local.get $r))) (local.set $c12 (v128.load offset=16 (local.get $r)))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (local.set $c20 (v128.load (local.get $r))) (local.set $c22 (v128.load offset=16 (local.get $r)))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (local.set $c30 (v128.load (local.get $r))) (local.set $c32 (v128.load offset=16 (local.get $r)))
    (block $done
      (br_if $done (i32.eqz (local.get $kl)))
      (loop $p
        (local.set $b0 (v128.load (local.get $b)))
        (local.set $b2 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load64_splat (local.get $a)))
        (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $x (v128.load64_splat offset=8 (local.get $a)))
        (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $x (v128.load64_splat offset=16 (local.get $a)))
        (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $x (v128.load64_splat offset=24 (local.get $a)))
        (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $kl (i32.sub (local.get $kl) (i32.const 1)))
        (br_if $p (local.get $kl))))
    (local.set $r (local.get $c))
    (v128.store (local.get $r) (local.get $c00)) (v128.store offset=16 (local.get $r) (local.get $c02))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (v128.store (local.get $r) (local.get $c10)) (v128.store offset=16 (local.get $r) (local.get $c12))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (v128.store (local.get $r) (local.get $c20)) (v128.store offset=16 (local.get $r) (local.get $c22))
    (local.set $r (i32.add (local.get $r) (local.get $ldc)))
    (v128.store (local.get $r) (local.get $c30)) (v128.store offset=16 (local.get $r) (local.get $c32)))

  ;; C[row panels r0..r1) += A·B, cache-blocked: k in blocks of kc (a 4·kc sliver of B stays in L1 while
  ;; the row tiles of one block of mcp row panels, 4·mcp·kc values of A, stream from L2).
  ;; np: column panels of B (m4 / 4); k: the shared dimension.
  (func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $k i32) (param $np i32)
    (param $r0 i32) (param $r1 i32) (param $kc i32) (param $mcp i32)
    (local $p0 i32) (local $kl i32) (local $i0 i32) (local $i1 i32) (local $j i32) (local $i i32)
    (local $panel i32) (local $ldc i32) (local $bp i32)
    (local.set $panel (i32.shl (local.get $k) (i32.const 5))) ;; bytes per packed panel: 4·k·8
    (local.set $ldc (i32.shl (local.get $np) (i32.const 5))) ;; bytes per row of C: 4·np·8
    (local.set $p0 (i32.const 0))
    (block $kdone (loop $kblocks
      (br_if $kdone (i32.ge_u (local.get $p0) (local.get $k)))
      (local.set $kl (select (local.get $kc) (i32.sub (local.get $k) (local.get $p0))
        (i32.lt_u (local.get $kc) (i32.sub (local.get $k) (local.get $p0)))))
      (local.set $i0 (local.get $r0))
      (block $idone (loop $iblocks
        (br_if $idone (i32.ge_u (local.get $i0) (local.get $r1)))
        (local.set $i1 (select (i32.add (local.get $i0) (local.get $mcp)) (local.get $r1)
          (i32.lt_u (i32.add (local.get $i0) (local.get $mcp)) (local.get $r1))))
        (local.set $j (i32.const 0))
        (block $jdone (loop $cols
          (br_if $jdone (i32.ge_u (local.get $j) (local.get $np)))
          (local.set $bp (i32.add (local.get $b)
            (i32.add (i32.mul (local.get $j) (local.get $panel)) (i32.shl (local.get $p0) (i32.const 5)))))
          (local.set $i (local.get $i0))
          (block $rdone (loop $rows
            (br_if $rdone (i32.ge_u (local.get $i) (local.get $i1)))
            (call $tile
              (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $panel)) (i32.shl (local.get $p0) (i32.const 5))))
              (local.get $bp)
              (i32.add (local.get $c) (i32.add (i32.mul (i32.shl (local.get $i) (i32.const 2)) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 5))))
              (local.get $kl) (local.get $ldc))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
        (local.set $i0 (local.get $i1))
        (br $iblocks)))
      (local.set $p0 (i32.add (local.get $p0) (local.get $kl)))
      (br $kblocks))))

;; Packs k rows of B (ld bytes apart at src, 4·np values each, zero-padded by the caller) into np column panels
;; of 4 at dst, panel j at dst + j·k·32, p-major: the layout gemm, gemmu and gemmf read. Copies only, 8 rows
;; at a time across all panels, so the 8 source lines stay in L1 (rows 4 KB apart share a cache set).
  (func (export "packb") (param $src i32) (param $ld i32) (param $dst i32) (param $k i32) (param $np i32)
    (local $j i32) (local $p i32) (local $p0 i32) (local $p1 i32) (local $s i32) (local $d i32)
    (block $bdone (loop $blocks
      (br_if $bdone (i32.ge_u (local.get $p0) (local.get $k)))
      (local.set $p1 (select (i32.add (local.get $p0) (i32.const 8)) (local.get $k)
        (i32.lt_u (i32.add (local.get $p0) (i32.const 8)) (local.get $k))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $panels
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $np)))
        (local.set $s (i32.add (local.get $src) (i32.add (i32.mul (local.get $p0) (local.get $ld)) (i32.shl (local.get $j) (i32.const 5)))))
        (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k)) (local.get $p0)) (i32.const 5))))
        (local.set $p (local.get $p0))
        (block $pdone (loop $rows
          (br_if $pdone (i32.ge_u (local.get $p) (local.get $p1)))
          (v128.store (local.get $d) (v128.load (local.get $s)))
          (v128.store offset=16 (local.get $d) (v128.load offset=16 (local.get $s)))
          (local.set $d (i32.add (local.get $d) (i32.const 32)))
          (local.set $s (i32.add (local.get $s) (local.get $ld)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $panels)))
      (local.set $p0 (local.get $p1))
      (br $blocks))))

;; C = A·B with A read in place (row-major, lda bytes per row) and B packed in column panels (bps bytes
;; apart): row panels r0..r1 (4 rows each; the rows up to the next multiple of 4 must be readable), np column
;; panels, k terms. The tile starts from +0 and adds a_ip·b_pj for p = 0…k−1 (no C to load or zero: the
;; same bits as the naive loop). Used by multi-head attention, where Q, the scores and the heads' outputs
;; stay in the memory between products, and by large matmuls (A copied in whole, not packed).
  (func $tileu (param $a i32) (param $lda i32) (param $b i32) (param $c i32) (param $ldc i32) (param $k i32)
    (local $c00 v128) (local $c02 v128) (local $c10 v128) (local $c12 v128)
    (local $c20 v128) (local $c22 v128) (local $c30 v128) (local $c32 v128)
    (local $b0 v128) (local $b2 v128) (local $x v128) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local.set $a1 (i32.add (local.get $a) (local.get $lda)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $lda)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
    (block $done
      (br_if $done (i32.eqz (local.get $k)))
      (loop $p
        (local.set $b0 (v128.load (local.get $b)))
        (local.set $b2 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load64_splat (local.get $a)))
        (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $x (v128.load64_splat (local.get $a1)))
        (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $x (v128.load64_splat (local.get $a2)))
        (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $x (v128.load64_splat (local.get $a3)))
        (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $b2))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
        (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
        (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br_if $p (local.get $k))))
    (v128.store (local.get $c) (local.get $c00)) (v128.store offset=16 (local.get $c) (local.get $c02))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10)) (v128.store offset=16 (local.get $c) (local.get $c12))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20)) (v128.store offset=16 (local.get $c) (local.get $c22))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30)) (v128.store offset=16 (local.get $c) (local.get $c32)))

  ;; Row panels in blocks of 16 (their A rows stay in L2) × all column panels (a panel of B in L1).
  (func $gemmu (export "gemmu") (param $a i32) (param $lda i32) (param $b i32) (param $bps i32) (param $c i32) (param $ldc i32)
    (param $k i32) (param $np i32) (param $r0 i32) (param $r1 i32)
    (local $i0 i32) (local $i1 i32) (local $i i32) (local $j i32)
    (local.set $i0 (local.get $r0))
    (block $idone (loop $iblocks
      (br_if $idone (i32.ge_u (local.get $i0) (local.get $r1)))
      (local.set $i1 (select (i32.add (local.get $i0) (i32.const 16)) (local.get $r1)
        (i32.lt_u (i32.add (local.get $i0) (i32.const 16)) (local.get $r1))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $cols
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $np)))
        (local.set $i (local.get $i0))
        (block $rdone (loop $rows
          (br_if $rdone (i32.ge_u (local.get $i) (local.get $i1)))
          (call $tileu (i32.add (local.get $a) (i32.mul (i32.shl (local.get $i) (i32.const 2)) (local.get $lda))) (local.get $lda)
            (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $bps)))
            (i32.add (local.get $c) (i32.add (i32.mul (i32.shl (local.get $i) (i32.const 2)) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 5))))
            (local.get $ldc) (local.get $k))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $cols)))
      (local.set $i0 (local.get $i1))
      (br $iblocks))))

  ;; Heads h0..h1 of multi-head attention, each: S_h = Q_h·K_hᵀ (q: Q row-major, ldq; kp: Kᵀ in column panels
  ;; of dm values, head h at offset h·dk·32), softmax(S_h·scale) in place (s + h·sh, lds), then
  ;; O[:, h·dk…] = S_h·V_h (vp: V in column panels of nk values, head h = panels h·dk/4…). n rows, nk keys,
  ;; dk = d_model / heads (a multiple of 4). Returns −1, or the first row of the first head with nothing to
  ;; attend to.
  (func (export "heads") (param $q i32) (param $ldq i32) (param $kp i32) (param $vp i32) (param $s i32) (param $sh i32)
    (param $lds i32) (param $o i32) (param $ldo i32) (param $n i32) (param $nk i32) (param $dk i32) (param $dm i32)
    (param $h0 i32) (param $h1 i32) (param $scale f64) (param $mask i32) (result i32)
    (local $h i32) (local $rows i32) (local $sc i32) (local $bad i32)
    (local.set $rows (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)))
    (local.set $h (local.get $h0))
    (block $done (loop $heads
      (br_if $done (i32.ge_u (local.get $h) (local.get $h1)))
      (local.set $sc (i32.add (local.get $s) (i32.mul (local.get $h) (local.get $sh))))
      (call $gemmu (i32.add (local.get $q) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 3))) (local.get $ldq)
        (i32.add (local.get $kp) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 5))) (i32.shl (local.get $dm) (i32.const 5))
        (local.get $sc) (local.get $lds) (local.get $dk) (i32.shr_u (i32.add (local.get $nk) (i32.const 3)) (i32.const 2))
        (i32.const 0) (local.get $rows))
      (local.set $bad (call $softmax (local.get $sc) (local.get $n) (local.get $nk) (local.get $lds) (local.get $scale) (local.get $mask)))
      (if (i32.ge_s (local.get $bad) (i32.const 0)) (then (return (local.get $bad))))
      (call $gemmu (local.get $sc) (local.get $lds)
        (i32.add (local.get $vp) (i32.mul (i32.mul (local.get $h) (local.get $dk)) (i32.shl (local.get $nk) (i32.const 3))))
        (i32.shl (local.get $nk) (i32.const 5))
        (i32.add (local.get $o) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 3))) (local.get $ldo)
        (local.get $nk) (i32.shr_u (local.get $dk) (i32.const 2)) (i32.const 0) (local.get $rows))
      (local.set $h (i32.add (local.get $h) (i32.const 1)))
      (br $heads)))
    (i32.const -1))

;; exp on two lanes, bit-identical to V8's Math.exp: fdlibm's e_exp.c (which V8 ports as base::ieee754::exp)
;; with each branch computed on both lanes and chosen by a lane mask. Only IEEE add, sub, mul, div, trunc and
;; exact bit operations, so every lane rounds as the scalar code does (test/lib/gemm_softmax.test.ts compares
;; bit patterns). Constants are read from bytes 0…479 of the memory, written once by lib/gemm/wasm.ts.
  (func $exp (param $x v128) (result v128)
    (local $hx v128) (local $sx v128) (local $red v128) (local $kf v128) (local $hi v128) (local $lo v128)
    (local $r v128) (local $t v128) (local $c v128) (local $q v128) (local $y v128) (local $k v128) (local $low v128) (local $top v128)
    ;; hx: the high word of |x| (fdlibm's branches compare it, not x); sx: x's sign bit
    (local.set $hx (v128.and (i64x2.shr_u (local.get $x) (i32.const 32)) (v128.load offset=384 (i32.const 0))))
    (local.set $sx (v128.and (local.get $x) (v128.load offset=48 (i32.const 0))))
    (local.set $red (i64x2.gt_s (local.get $hx) (v128.load offset=352 (i32.const 0)))) ;; |x| > ln2/2: reduce
    ;; k = (int)(invln2·x ± 0.5), or ±1 when ln2/2 < |x| < 1.5·ln2; 0 where not reduced
    (local.set $kf (v128.bitselect
      (v128.or (v128.load offset=176 (i32.const 0)) (local.get $sx))
      (f64x2.trunc (f64x2.add (f64x2.mul (v128.load offset=16 (i32.const 0)) (local.get $x)) (v128.or (v128.load offset=32 (i32.const 0)) (local.get $sx))))
      (i64x2.lt_s (local.get $hx) (v128.load offset=368 (i32.const 0)))))
    (local.set $kf (v128.and (local.get $kf) (local.get $red)))
    ;; hi = x − k·ln2HI (exact), lo = k·ln2LO, r = hi − lo (x where not reduced)
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $kf) (v128.load offset=64 (i32.const 0)))))
    (local.set $lo (f64x2.mul (local.get $kf) (v128.load offset=80 (i32.const 0))))
    (local.set $r (v128.bitselect (f64x2.sub (local.get $hi) (local.get $lo)) (local.get $x) (local.get $red)))
    ;; c = r − t·(P1 + t·(P2 + t·(P3 + t·(P4 + t·P5)))), t = r²
    (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
      (f64x2.add (v128.load offset=96 (i32.const 0)) (f64x2.mul (local.get $t) (f64x2.add (v128.load offset=112 (i32.const 0)) (f64x2.mul (local.get $t)
        (f64x2.add (v128.load offset=128 (i32.const 0)) (f64x2.mul (local.get $t) (f64x2.add (v128.load offset=144 (i32.const 0)) (f64x2.mul (local.get $t) (v128.load offset=160 (i32.const 0)))))))))))))
    ;; q = r·c/(2 − c); r·c/(c − 2) is exactly −q (negating an operand negates the rounded quotient)
    (local.set $q (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (v128.load offset=192 (i32.const 0)) (local.get $c))))
    ;; y = 1 − ((lo − q) − hi) where reduced, else 1 − (−q − r)
    (local.set $y (f64x2.sub (v128.load offset=176 (i32.const 0)) (v128.bitselect
      (f64x2.sub (f64x2.sub (local.get $lo) (local.get $q)) (local.get $hi))
      (f64x2.sub (f64x2.neg (local.get $q)) (local.get $r))
      (local.get $red))))
    ;; y·2^k as fdlibm: y·2^(k+1000)·2^−1000 when k < −1021, y·2·2^1023 when k = 1024 (k = 0: y·1·1, exact).
    ;; k as an integer: the low bits of k + 1.5·2^52
    (local.set $k (i64x2.sub (f64x2.add (local.get $kf) (v128.load offset=208 (i32.const 0))) (v128.load offset=208 (i32.const 0))))
    (local.set $low (i64x2.lt_s (local.get $k) (v128.load offset=240 (i32.const 0))))
    (local.set $top (i64x2.eq (local.get $k) (v128.load offset=256 (i32.const 0))))
    (local.set $y (f64x2.mul
      (f64x2.mul (local.get $y) (i64x2.shl (i64x2.add (v128.load offset=224 (i32.const 0))
        (v128.bitselect (i64x2.add (local.get $k) (v128.load offset=272 (i32.const 0)))
          (v128.bitselect (v128.load offset=288 (i32.const 0)) (local.get $k) (local.get $top)) (local.get $low))) (i32.const 52)))
      (v128.bitselect (v128.load offset=304 (i32.const 0)) (v128.bitselect (v128.load offset=320 (i32.const 0)) (v128.load offset=176 (i32.const 0)) (local.get $top)) (local.get $low))))
    ;; fdlibm's early returns, lowest precedence first (the last select wins)
    (local.set $y (v128.bitselect (f64x2.add (v128.load offset=176 (i32.const 0)) (local.get $x)) (local.get $y)
      (i64x2.lt_s (local.get $hx) (v128.load offset=336 (i32.const 0))))) ;; |x| < 2^−28: 1 + x
    (local.set $y (v128.bitselect (v128.load offset=400 (i32.const 0)) (local.get $y) (f64x2.eq (local.get $x) (v128.load offset=176 (i32.const 0)))))
    (local.set $y (v128.bitselect (v128.load offset=448 (i32.const 0)) (local.get $y) (f64x2.gt (local.get $x) (v128.load offset=416 (i32.const 0)))))
    (local.set $y (v128.andnot (local.get $y) (f64x2.lt (local.get $x) (v128.load offset=432 (i32.const 0))))) ;; underflow: +0
    (v128.bitselect (f64x2.add (local.get $x) (local.get $x)) (local.get $y) (f64x2.ne (local.get $x) (local.get $x))))

  ;; exp of n f64 at byte offset p, in place (the last of an odd n goes through lane 0).
  (func (export "exp") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (v128.store (local.get $p) (call $exp (v128.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $p) (f64x2.extract_lane 0 (call $exp (v128.load64_splat (local.get $p))))))))

  ;; Row-wise softmax in place, bit-identical to lib/softmax.ts's softmaxReadable applied to (x·scale): n rows
  ;; of m f64 at byte offset p, ld bytes apart; mask: byte offset of n·m 8-byte lanes (all ones = keep), or 0
  ;; for none (then every entry reads the all-ones constant at 0). The max is exact in any order; the sum
  ;; adds e_0, e_1, … one at a time, as the readable loop does. Returns −1, or the first row whose max over
  ;; the kept entries is −∞ (nothing to attend to: the caller throws).
  (func $softmax (export "softmax") (param $p i32) (param $n i32) (param $m i32) (param $ld i32) (param $scale f64) (param $mask i32) (result i32)
    (local $i i32) (local $row i32) (local $end i32) (local $q i32) (local $mq i32) (local $ms i32) (local $mrow i32)
    (local $vs v128) (local $vm v128) (local $v v128) (local $max f64) (local $sum f64)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (local.set $ms (select (i32.const 16) (i32.const 0) (local.get $mask))) ;; mask bytes per pair
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $p) (i32.mul (local.get $i) (local.get $ld))))
      (local.set $end (i32.add (local.get $row) (i32.shl (i32.and (local.get $m) (i32.const -2)) (i32.const 3))))
      (local.set $mrow (select (i32.add (local.get $mask) (i32.shl (i32.mul (local.get $i) (local.get $m)) (i32.const 3)))
        (i32.const 0) (local.get $mask)))
      ;; pass 1: scale in place; max over the kept entries
      (local.set $vm (v128.load offset=464 (i32.const 0)))
      (local.set $q (local.get $row))
      (local.set $mq (local.get $mrow))
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $v (f64x2.mul (v128.load (local.get $q)) (local.get $vs)))
        (v128.store (local.get $q) (local.get $v))
        (local.set $vm (f64x2.max (local.get $vm) (v128.bitselect (local.get $v) (v128.load offset=464 (i32.const 0)) (v128.load (local.get $mq)))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $mq (i32.add (local.get $mq) (local.get $ms)))
        (br $l1)))
      (if (i32.and (local.get $m) (i32.const 1)) (then
        (local.set $v (f64x2.mul (v128.load64_splat (local.get $q)) (local.get $vs)))
        (f64.store (local.get $q) (f64x2.extract_lane 0 (local.get $v)))
        (local.set $vm (f64x2.max (local.get $vm) (v128.bitselect (local.get $v) (v128.load offset=464 (i32.const 0)) (v128.load64_splat (local.get $mq)))))))
      (local.set $max (f64.max (f64x2.extract_lane 0 (local.get $vm)) (f64x2.extract_lane 1 (local.get $vm))))
      (if (f64.eq (local.get $max) (f64.const -inf)) (then (return (local.get $i))))
      ;; pass 2: e = exp(x − max) where kept, else 0; the sum in order
      (local.set $vm (f64x2.splat (local.get $max)))
      (local.set $sum (f64.const 0))
      (local.set $q (local.get $row))
      (local.set $mq (local.get $mrow))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $v (v128.load (local.get $mq))) ;; a masked pair stays 0 without its exp
        (if (v128.any_true (local.get $v)) (then (local.set $v (v128.and (call $exp (f64x2.sub (v128.load (local.get $q)) (local.get $vm))) (local.get $v)))))
        (v128.store (local.get $q) (local.get $v))
        (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $v))) (f64x2.extract_lane 1 (local.get $v))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $mq (i32.add (local.get $mq) (local.get $ms)))
        (br $l2)))
      (if (i32.and (local.get $m) (i32.const 1)) (then
        (local.set $v (v128.and (call $exp (f64x2.sub (v128.load64_splat (local.get $q)) (local.get $vm))) (v128.load64_splat (local.get $mq))))
        (f64.store (local.get $q) (f64x2.extract_lane 0 (local.get $v)))
        (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $v))))))
      ;; pass 3: divide by the sum
      (local.set $vm (f64x2.splat (local.get $sum)))
      (local.set $q (local.get $row))
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $q) (local.get $end)))
        (v128.store (local.get $q) (f64x2.div (v128.load (local.get $q)) (local.get $vm)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $l3)))
      (if (i32.and (local.get $m) (i32.const 1)) (then (f64.store (local.get $q) (f64.div (f64.load (local.get $q)) (local.get $sum)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
    (i32.const -1))

;; autodiff.attendHeads (lib/backend/wasm/attend_heads.ts): B sequences × H heads; q (B·nq rows, d8 bytes
;; apart), k (B·nk rows, d8) and v (B·nk rows, dv8), head h at column h·dk (v: h·dvh). Bit-identical to
;; lib/backend/readable/attend_heads.ts: a dot product puts two keys in the lanes, so it still sums over
;; c = 0…m−1 in order from +0; the context and gradient sums put two columns in the lanes and add their terms
;; in the readable loops' order; a weight (or ds) equal to 0 adds nothing, as there.

  ;; n rows of m values (src, ld bytes apart) → key pairs: dst + (p·m + c)·16 holds (x[2p][c], x[2p+1][c]);
  ;; an odd last row pairs with 0
  (func $pairs (param $src i32) (param $ld i32) (param $dst i32) (param $n i32) (param $m i32)
    (local $j i32) (local $c i32) (local $s i32) (local $d i32)
    (block $jd (loop $jl
      (br_if $jd (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $ld))))
      (local.set $d (i32.add (local.get $dst) (i32.add (i32.shl (i32.mul (i32.shr_u (local.get $j) (i32.const 1)) (local.get $m)) (i32.const 4))
        (i32.shl (i32.and (local.get $j) (i32.const 1)) (i32.const 3)))))
      (local.set $c (i32.const 0))
      (block $cd (loop $cl
        (br_if $cd (i32.ge_u (local.get $c) (local.get $m)))
        (f64.store (local.get $d) (f64.load (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cl)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jl)))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      (local.set $d (i32.add (local.get $dst) (i32.add (i32.shl (i32.mul (i32.shr_u (local.get $n) (i32.const 1)) (local.get $m)) (i32.const 4)) (i32.const 8))))
      (local.set $c (i32.const 0))
      (block $zd (loop $zl
        (br_if $zd (i32.ge_u (local.get $c) (local.get $m)))
        (f64.store (local.get $d) (f64.const 0))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $zl))))))

  ;; dst[j] = Σ_c x[c]·key_j[c] (from +0, c in order) for the n keys in pairs at kp, except pairs whose 16
  ;; bytes at skip + p·16 are all zero (masked: left as they were). Two pairs at a time where four keys remain
  ;; (two independent sums in flight).
  (func $dots (param $x i32) (param $kp i32) (param $dst i32) (param $n i32) (param $m i32) (param $skip i32)
    (local $p i32) (local $c i32) (local $xc i32) (local $k1 i32) (local $acc v128) (local $acc1 v128) (local $xv v128)
    (block $pd (loop $pl
      (br_if $pd (i32.ge_u (local.get $p) (local.get $n)))
      (if (i32.lt_u (i32.add (local.get $p) (i32.const 3)) (local.get $n))
        (then
          (if (v128.any_true (v128.or (v128.load (local.get $skip)) (v128.load offset=16 (local.get $skip)))) (then
            (local.set $acc (v128.const i64x2 0 0))
            (local.set $acc1 (v128.const i64x2 0 0))
            (local.set $xc (local.get $x))
            (local.set $k1 (i32.add (local.get $kp) (i32.shl (local.get $m) (i32.const 4))))
            (local.set $c (local.get $m))
            (block $cd2 (loop $cl2
              (br_if $cd2 (i32.eqz (local.get $c)))
              (local.set $xv (v128.load64_splat (local.get $xc)))
              (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $xv) (v128.load (local.get $kp)))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $xv) (v128.load (local.get $k1)))))
              (local.set $xc (i32.add (local.get $xc) (i32.const 8)))
              (local.set $kp (i32.add (local.get $kp) (i32.const 16)))
              (local.set $k1 (i32.add (local.get $k1) (i32.const 16)))
              (local.set $c (i32.sub (local.get $c) (i32.const 1)))
              (br $cl2)))
            (v128.store (local.get $dst) (local.get $acc))
            (v128.store offset=16 (local.get $dst) (local.get $acc1))
            (local.set $kp (i32.sub (local.get $kp) (i32.shl (local.get $m) (i32.const 4))))))
          (local.set $kp (i32.add (local.get $kp) (i32.shl (local.get $m) (i32.const 5))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $skip (i32.add (local.get $skip) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 4))))
        (else
          (if (v128.any_true (v128.load (local.get $skip))) (then
            (local.set $acc (v128.const i64x2 0 0))
            (local.set $xc (local.get $x))
            (local.set $c (local.get $m))
            (block $cd (loop $cl
              (br_if $cd (i32.eqz (local.get $c)))
              (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load64_splat (local.get $xc)) (v128.load (local.get $kp)))))
              (local.set $xc (i32.add (local.get $xc) (i32.const 8)))
              (local.set $kp (i32.add (local.get $kp) (i32.const 16)))
              (local.set $c (i32.sub (local.get $c) (i32.const 1)))
              (br $cl)))
            (local.set $kp (i32.sub (local.get $kp) (i32.shl (local.get $m) (i32.const 4))))
            ;; an odd last key: lane 0 only
            (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $n))
              (then (v128.store (local.get $dst) (local.get $acc)))
              (else (f64.store (local.get $dst) (f64x2.extract_lane 0 (local.get $acc)))))))
          (local.set $kp (i32.add (local.get $kp) (i32.shl (local.get $m) (i32.const 4))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (local.set $skip (i32.add (local.get $skip) (i32.const 16)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))))
      (br $pl))))

  ;; dst[c] += Σ_t a_t·x_t[c] for the 2·n2 columns (two a lane), t = 0…n−1 in order, skipping a_t = 0:
  ;; a_t at a + t·as, x_t at x + t·xs (bytes). Each column's sum stays in a register, so its terms are added
  ;; in the same order as the readable loop's one-at-a-time `+=`; eight columns at a time while they last.
  (func $gather (param $dst i32) (param $x i32) (param $xs i32) (param $a i32) (param $as i32) (param $n i32) (param $n2 i32)
    (local $acc v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $vc v128)
    (local $t i32) (local $at i32) (local $xt i32) (local $c f64)
    (block $d4 (loop $l4
      (br_if $d4 (i32.lt_u (local.get $n2) (i32.const 4)))
      (local.set $acc (v128.load (local.get $dst)))
      (local.set $acc1 (v128.load offset=16 (local.get $dst)))
      (local.set $acc2 (v128.load offset=32 (local.get $dst)))
      (local.set $acc3 (v128.load offset=48 (local.get $dst)))
      (local.set $at (local.get $a))
      (local.set $xt (local.get $x))
      (local.set $t (local.get $n))
      (block $td4 (loop $tl4
        (br_if $td4 (i32.eqz (local.get $t)))
        (local.set $c (f64.load (local.get $at)))
        (if (f64.ne (local.get $c) (f64.const 0)) (then
          (local.set $vc (f64x2.splat (local.get $c)))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $vc) (v128.load (local.get $xt)))))
          (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $vc) (v128.load offset=16 (local.get $xt)))))
          (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $vc) (v128.load offset=32 (local.get $xt)))))
          (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $vc) (v128.load offset=48 (local.get $xt)))))))
        (local.set $at (i32.add (local.get $at) (local.get $as)))
        (local.set $xt (i32.add (local.get $xt) (local.get $xs)))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (br $tl4)))
      (v128.store (local.get $dst) (local.get $acc))
      (v128.store offset=16 (local.get $dst) (local.get $acc1))
      (v128.store offset=32 (local.get $dst) (local.get $acc2))
      (v128.store offset=48 (local.get $dst) (local.get $acc3))
      (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
      (local.set $x (i32.add (local.get $x) (i32.const 64)))
      (local.set $n2 (i32.sub (local.get $n2) (i32.const 4)))
      (br $l4)))
    (block $cd (loop $cl
      (br_if $cd (i32.eqz (local.get $n2)))
      (local.set $acc (v128.load (local.get $dst)))
      (local.set $at (local.get $a))
      (local.set $xt (local.get $x))
      (local.set $t (local.get $n))
      (block $td (loop $tl
        (br_if $td (i32.eqz (local.get $t)))
        (local.set $c (f64.load (local.get $at)))
        (if (f64.ne (local.get $c) (f64.const 0)) (then
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (f64x2.splat (local.get $c)) (v128.load (local.get $xt)))))))
        (local.set $at (i32.add (local.get $at) (local.get $as)))
        (local.set $xt (i32.add (local.get $xt) (local.get $xs)))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (br $tl)))
      (v128.store (local.get $dst) (local.get $acc))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $n2 (i32.sub (local.get $n2) (i32.const 1)))
      (br $cl))))

  ;; Forward: W (rows (b, h, i) of nk; masked entries are left as they were, the softmax zeroes them) =
  ;; softmax(q·kᵀ·scale) under the allowed bytes at al (B·nq·nk, expanded into 8-byte lanes at ml, plus one
  ;; zero lane), ctx (zeroed by the caller) += W·v. kt: scratch for a head's key pairs. dk, dvh even.
  ;; Returns −1, or b·nq + i of the first (b, h, i) with nothing to attend to.
  (func (export "attf") (param $q i32) (param $k i32) (param $v i32) (param $w i32) (param $ctx i32)
    (param $al i32) (param $ml i32) (param $kt i32)
    (param $B i32) (param $H i32) (param $nq i32) (param $nk i32) (param $dk i32) (param $dvh i32) (param $scale f64) (result i32)
    (local $e i32) (local $n i32) (local $b i32) (local $h i32) (local $i i32) (local $d8 i32) (local $dv8 i32)
    (local $row i32) (local $wr i32) (local $bad i32)
    (local.set $n (i32.mul (local.get $B) (i32.mul (local.get $nq) (local.get $nk))))
    (block $md (loop $mlp
      (br_if $md (i32.ge_u (local.get $e) (local.get $n)))
      (i64.store (i32.add (local.get $ml) (i32.shl (local.get $e) (i32.const 3)))
        (i64.sub (i64.const 0) (i64.extend_i32_u (i32.ne (i32.load8_u (i32.add (local.get $al) (local.get $e))) (i32.const 0)))))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $mlp)))
    (i64.store (i32.add (local.get $ml) (i32.shl (local.get $n) (i32.const 3))) (i64.const 0))
    (local.set $d8 (i32.shl (i32.mul (local.get $H) (local.get $dk)) (i32.const 3)))
    (local.set $dv8 (i32.shl (i32.mul (local.get $H) (local.get $dvh)) (i32.const 3)))
    (block $bd (loop $bl
      (br_if $bd (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $h (i32.const 0))
      (block $hd (loop $hl
        (br_if $hd (i32.ge_u (local.get $h) (local.get $H)))
        (call $pairs (i32.add (local.get $k) (i32.add (i32.mul (i32.mul (local.get $b) (local.get $nk)) (local.get $d8)) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 3))))
          (local.get $d8) (local.get $kt) (local.get $nk) (local.get $dk))
        (local.set $wr (i32.add (local.get $w) (i32.shl (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $nq)) (local.get $nk)) (i32.const 3))))
        ;; scores q_i·k_j of the allowed keys (scaled by the softmax, as the readable W[j] = dot·scale)
        (local.set $i (i32.const 0))
        (block $id (loop $il
          (br_if $id (i32.ge_u (local.get $i) (local.get $nq)))
          (local.set $row (i32.add (i32.mul (local.get $b) (local.get $nq)) (local.get $i)))
          (call $dots (i32.add (local.get $q) (i32.add (i32.mul (local.get $row) (local.get $d8)) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 3))))
            (local.get $kt) (i32.add (local.get $wr) (i32.shl (i32.mul (local.get $i) (local.get $nk)) (i32.const 3)))
            (local.get $nk) (local.get $dk) (i32.add (local.get $ml) (i32.shl (i32.mul (local.get $row) (local.get $nk)) (i32.const 3))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $il)))
        (local.set $bad (call $softmax (local.get $wr) (local.get $nq) (local.get $nk) (i32.shl (local.get $nk) (i32.const 3)) (local.get $scale)
          (i32.add (local.get $ml) (i32.shl (i32.mul (local.get $b) (i32.mul (local.get $nq) (local.get $nk))) (i32.const 3)))))
        (if (i32.ge_s (local.get $bad) (i32.const 0)) (then (return (i32.add (i32.mul (local.get $b) (local.get $nq)) (local.get $bad)))))
        ;; context row (b, i), head h: += w_j·v_j over the keys in order
        (local.set $i (i32.const 0))
        (block $cd (loop $cl
          (br_if $cd (i32.ge_u (local.get $i) (local.get $nq)))
          (call $gather (i32.add (local.get $ctx) (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $nq)) (local.get $i)) (local.get $dv8)) (i32.shl (i32.mul (local.get $h) (local.get $dvh)) (i32.const 3))))
            (i32.add (local.get $v) (i32.add (i32.mul (i32.mul (local.get $b) (local.get $nk)) (local.get $dv8)) (i32.shl (i32.mul (local.get $h) (local.get $dvh)) (i32.const 3))))
            (local.get $dv8) (i32.add (local.get $wr) (i32.shl (i32.mul (local.get $i) (local.get $nk)) (i32.const 3))) (i32.const 8)
            (local.get $nk) (i32.shr_u (local.get $dvh) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $cl)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $hl)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl)))
    (i32.const -1))

  ;; Backward: gq, gk, gv (0: not wanted) += the gradients for dc (laid out as ctx); w as the forward left it
  ;; (plus 8 readable bytes past its end). Per head of a sequence: ds (scratch, nq·nk + 1) = W·(dw − Σ W·dw)·scale
  ;; with dw_ij = dC_i·v_j, then each gradient row sums its terms in the readable loops' order (q's over the
  ;; keys, k's and v's over the queries). vt: scratch for the head's value pairs; dw: nk + 1 values.
  (func (export "attb") (param $q i32) (param $k i32) (param $v i32) (param $w i32) (param $dc i32)
    (param $gq i32) (param $gk i32) (param $gv i32) (param $vt i32) (param $dw i32) (param $ds i32)
    (param $B i32) (param $H i32) (param $nq i32) (param $nk i32) (param $dk i32) (param $dvh i32) (param $scale f64)
    (local $b i32) (local $h i32) (local $i i32) (local $j i32) (local $d8 i32) (local $dv8 i32) (local $nk8 i32)
    (local $wb i32) (local $wr i32) (local $dr i32) (local $qo i32) (local $co i32) (local $ko i32) (local $vo i32) (local $dot f64) (local $wj f64)
    (local.set $d8 (i32.shl (i32.mul (local.get $H) (local.get $dk)) (i32.const 3)))
    (local.set $dv8 (i32.shl (i32.mul (local.get $H) (local.get $dvh)) (i32.const 3)))
    (local.set $nk8 (i32.shl (local.get $nk) (i32.const 3)))
    (block $bd (loop $bl
      (br_if $bd (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $h (i32.const 0))
      (block $hd (loop $hl
        (br_if $hd (i32.ge_u (local.get $h) (local.get $H)))
        ;; byte offsets of query 0's head-h columns in q (gq), of dC's, and of key 0's in k (gk) and v (gv)
        (local.set $qo (i32.add (i32.mul (i32.mul (local.get $b) (local.get $nq)) (local.get $d8)) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 3))))
        (local.set $co (i32.add (local.get $dc) (i32.add (i32.mul (i32.mul (local.get $b) (local.get $nq)) (local.get $dv8)) (i32.shl (i32.mul (local.get $h) (local.get $dvh)) (i32.const 3)))))
        (local.set $ko (i32.add (i32.mul (i32.mul (local.get $b) (local.get $nk)) (local.get $d8)) (i32.shl (i32.mul (local.get $h) (local.get $dk)) (i32.const 3))))
        (local.set $vo (i32.add (i32.mul (i32.mul (local.get $b) (local.get $nk)) (local.get $dv8)) (i32.shl (i32.mul (local.get $h) (local.get $dvh)) (i32.const 3))))
        (call $pairs (i32.add (local.get $v) (local.get $vo)) (local.get $dv8) (local.get $vt) (local.get $nk) (local.get $dvh))
        (local.set $wb (i32.add (local.get $w) (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $nq)) (local.get $nk8))))
        (local.set $i (i32.const 0))
        (block $id (loop $il
          (br_if $id (i32.ge_u (local.get $i) (local.get $nq)))
          (local.set $wr (i32.add (local.get $wb) (i32.mul (local.get $i) (local.get $nk8))))
          (local.set $dr (i32.add (local.get $ds) (i32.mul (local.get $i) (local.get $nk8))))
          ;; dw_j = dC_i·v_j (pairs whose weights are both +0 skipped: overwritten below)
          (call $dots (i32.add (local.get $co) (i32.mul (local.get $i) (local.get $dv8))) (local.get $vt) (local.get $dw) (local.get $nk) (local.get $dvh) (local.get $wr))
          (local.set $dot (f64.const 0))
          (local.set $j (i32.const 0))
          (block $jd (loop $jl
            (br_if $jd (i32.ge_u (local.get $j) (local.get $nk)))
            (local.set $wj (f64.load (i32.add (local.get $wr) (i32.shl (local.get $j) (i32.const 3)))))
            (if (f64.eq (local.get $wj) (f64.const 0))
              (then (f64.store (i32.add (local.get $dw) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0)))
              (else (local.set $dot (f64.add (local.get $dot) (f64.mul (local.get $wj) (f64.load (i32.add (local.get $dw) (i32.shl (local.get $j) (i32.const 3)))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jl)))
          ;; ds_j = w_j·(dw_j − dot)·scale: through the softmax, then the 1/√dk
          (local.set $j (i32.const 0))
          (block $sd (loop $sl
            (br_if $sd (i32.ge_u (local.get $j) (local.get $nk)))
            (f64.store (i32.add (local.get $dr) (i32.shl (local.get $j) (i32.const 3)))
              (f64.mul (f64.mul (f64.load (i32.add (local.get $wr) (i32.shl (local.get $j) (i32.const 3))))
                (f64.sub (f64.load (i32.add (local.get $dw) (i32.shl (local.get $j) (i32.const 3)))) (local.get $dot))) (local.get $scale)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sl)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $il)))
        ;; gq_i += Σ_j ds_ij·k_j; gk_j += Σ_i ds_ij·q_i; gv_j += Σ_i w_ij·dC_i
        (local.set $i (i32.const 0))
        (block $qd (loop $ql
          (br_if $qd (i32.or (i32.eqz (local.get $gq)) (i32.ge_u (local.get $i) (local.get $nq))))
          (call $gather (i32.add (local.get $gq) (i32.add (local.get $qo) (i32.mul (local.get $i) (local.get $d8)))) (i32.add (local.get $k) (local.get $ko)) (local.get $d8)
            (i32.add (local.get $ds) (i32.mul (local.get $i) (local.get $nk8))) (i32.const 8) (local.get $nk) (i32.shr_u (local.get $dk) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $ql)))
        (local.set $j (i32.const 0))
        (block $kd (loop $kl
          (br_if $kd (i32.ge_u (local.get $j) (local.get $nk)))
          (if (local.get $gk) (then
            (call $gather (i32.add (local.get $gk) (i32.add (local.get $ko) (i32.mul (local.get $j) (local.get $d8)))) (i32.add (local.get $q) (local.get $qo)) (local.get $d8)
              (i32.add (local.get $ds) (i32.shl (local.get $j) (i32.const 3))) (local.get $nk8) (local.get $nq) (i32.shr_u (local.get $dk) (i32.const 1)))))
          (if (local.get $gv) (then
            (call $gather (i32.add (local.get $gv) (i32.add (local.get $vo) (i32.mul (local.get $j) (local.get $dv8)))) (local.get $co) (local.get $dv8)
              (i32.add (local.get $wb) (i32.shl (local.get $j) (i32.const 3))) (local.get $nk8) (local.get $nq) (i32.shr_u (local.get $dvh) (i32.const 1)))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $kl)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $hl)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl))))
)
