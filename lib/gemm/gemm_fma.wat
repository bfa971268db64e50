;; The blocked GEMM of gemm.wat with f64x2.relaxed_madd (fused multiply-add on x86 with FMA3): each term
;; a_ip·b_pj is added to C[i][j] with one rounding instead of two, in the same order p = 0…k−1. Not
;; bit-identical to the naive loop (each entry is within 2·k·2⁻⁵³·Σ_p|a_ip·b_pj| of it, tested), but the
;; same whatever the split of rows between threads. Relaxed SIMD is behind a flag in Node 20: lib/gemm/fma.ts
;; sets it before compiling this module and falls back to the exact kernel when that fails.
;; Assembled by scripts/build_gemm.ts into gemm_fma_wasm.ts, as gemm.wat.
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
        (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c02 (f64x2.relaxed_madd (local.get $x) (local.get $b2) (local.get $c02)))
        (local.set $x (v128.load64_splat offset=8 (local.get $a)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c12 (f64x2.relaxed_madd (local.get $x) (local.get $b2) (local.get $c12)))
        (local.set $x (v128.load64_splat offset=16 (local.get $a)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c22 (f64x2.relaxed_madd (local.get $x) (local.get $b2) (local.get $c22)))
        (local.set $x (v128.load64_splat offset=24 (local.get $a)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c32 (f64x2.relaxed_madd (local.get $x) (local.get $b2) (local.get $c32)))
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
  (func (export "gemmf") (param $a i32) (param $b i32) (param $c i32) (param $k i32) (param $np i32)
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
)
