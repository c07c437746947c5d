// The Linux kernel's primitives as herd7 macros, for C tests run without a
// .def file of their own. Written for litmus from the kernel's documentation
// (Documentation/memory-barriers.txt, Documentation/atomic_t.txt and
// tools/memory-model/Documentation/explanation.txt): each primitive is the
// event it makes and the annotation the kernel's model reads (ONCE for a
// marked access, RELEASE/ACQUIRE, MB for a full barrier or a fully ordered
// read-modify-write, NORETURN for an atomic without a result). A user's
// linux-kernel.def (--macros, or the `macros` key of --conf) replaces it.

/** The macros, in herd7's .def format. */
export const LINUX_MACROS = `
// Marked accesses
READ_ONCE(X) __load{ONCE}(X)
WRITE_ONCE(X,V) { __store{ONCE}(X,V); }
smp_load_acquire(X) __load{ACQUIRE}(*X)
smp_store_release(X,V) { __store{RELEASE}(*X,V); }
smp_store_mb(X,V) { __store{ONCE}(X,V); __fence{MB}; }
rcu_dereference(X) __load{ONCE}(X)
rcu_assign_pointer(X,V) { __store{RELEASE}(X,V); }

// Barriers
smp_mb() { __fence{MB}; }
smp_rmb() { __fence{rmb}; }
smp_wmb() { __fence{wmb}; }
barrier() { __fence{barrier}; }
smp_mb__before_atomic() { __fence{before-atomic}; }
smp_mb__after_atomic() { __fence{after-atomic}; }
smp_mb__after_spinlock() { __fence{after-spinlock}; }
smp_mb__after_unlock_lock() { __fence{after-unlock-lock}; }
smp_mb__after_srcu_read_unlock() { __fence{after-srcu-read-unlock}; }

// RCU and SRCU
rcu_read_lock() { __fence{rcu-lock}; }
rcu_read_unlock() { __fence{rcu-unlock}; }
synchronize_rcu() { __fence{sync-rcu}; }
synchronize_rcu_expedited() { __fence{sync-rcu}; }
srcu_read_lock(X) __load{srcu-lock}(*X)
srcu_read_unlock(X,Y) { __store{srcu-unlock}(*X,Y); }
srcu_down_read(X) __load{srcu-lock}(*X)
srcu_up_read(X,Y) { __store{srcu-unlock}(*X,Y); }
synchronize_srcu(X) { __srcu{sync-srcu}(X); }
synchronize_srcu_expedited(X) { __srcu{sync-srcu}(X); }

// Spinlocks
spin_lock(X) { __lock(X); }
spin_unlock(X) { __unlock(X); }
spin_trylock(X) __trylock(X)
spin_is_locked(X) __islocked(X)

// Exchanges: the plain forms are fully ordered (MB)
${orderedFamily('xchg', '__xchg', 'X,V', 'X,V')}
${orderedFamily('cmpxchg', '__cmpxchg', 'X,V,W', 'X,V,W')}

// atomic_t
atomic_read(X) READ_ONCE(*X)
atomic_set(X,V) { WRITE_ONCE(*X,V); }
atomic_read_acquire(X) smp_load_acquire(X)
atomic_set_release(X,V) { smp_store_release(X,V); }
atomic_add(V,X) { __atomic_op{NORETURN}(X,+,V); }
atomic_sub(V,X) { __atomic_op{NORETURN}(X,-,V); }
atomic_inc(X) { __atomic_op{NORETURN}(X,+,1); }
atomic_dec(X) { __atomic_op{NORETURN}(X,-,1); }
atomic_and(V,X) { __atomic_op{NORETURN}(X,&,V); }
atomic_or(V,X) { __atomic_op{NORETURN}(X,|,V); }
atomic_xor(V,X) { __atomic_op{NORETURN}(X,^,V); }
atomic_andnot(V,X) { __atomic_op{NORETURN}(X,&~,V); }
${orderedFamily('atomic_xchg', '__xchg', 'X,V', 'X,V')}
${orderedFamily('atomic_cmpxchg', '__cmpxchg', 'X,V,W', 'X,V,W')}
atomic_add_unless(X,V,W) __atomic_add_unless{MB}(X,V,W)
atomic_sub_and_test(V,X) __atomic_op_return{MB}(X,-,V) == 0
atomic_dec_and_test(X) __atomic_op_return{MB}(X,-,1) == 0
atomic_inc_and_test(X) __atomic_op_return{MB}(X,+,1) == 0
atomic_add_negative(V,X) __atomic_op_return{MB}(X,+,V) < 0
atomic_add_negative_relaxed(V,X) __atomic_op_return{ONCE}(X,+,V) < 0
atomic_add_negative_acquire(V,X) __atomic_op_return{ACQUIRE}(X,+,V) < 0
atomic_add_negative_release(V,X) __atomic_op_return{RELEASE}(X,+,V) < 0
${orderedFamily('atomic_add_return', '__atomic_op_return', 'V,X', 'X,+,V')}
${orderedFamily('atomic_sub_return', '__atomic_op_return', 'V,X', 'X,-,V')}
${orderedFamily('atomic_inc_return', '__atomic_op_return', 'X', 'X,+,1')}
${orderedFamily('atomic_dec_return', '__atomic_op_return', 'X', 'X,-,1')}
${orderedFamily('atomic_fetch_add', '__atomic_fetch_op', 'V,X', 'X,+,V')}
${orderedFamily('atomic_fetch_sub', '__atomic_fetch_op', 'V,X', 'X,-,V')}
${orderedFamily('atomic_fetch_inc', '__atomic_fetch_op', 'X', 'X,+,1')}
${orderedFamily('atomic_fetch_dec', '__atomic_fetch_op', 'X', 'X,-,1')}
${orderedFamily('atomic_fetch_and', '__atomic_fetch_op', 'V,X', 'X,&,V')}
${orderedFamily('atomic_fetch_or', '__atomic_fetch_op', 'V,X', 'X,|,V')}
${orderedFamily('atomic_fetch_xor', '__atomic_fetch_op', 'V,X', 'X,^,V')}
${orderedFamily('atomic_fetch_andnot', '__atomic_fetch_op', 'V,X', 'X,&~,V')}
`;

/** A value-returning atomic and its _relaxed, _acquire and _release forms (atomic_t.txt: the plain one is fully ordered). */
function orderedFamily(name: string, primitive: string, params: string, args: string): string {
  const forms: Array<[string, string]> = [['', 'MB'], ['_relaxed', 'ONCE'], ['_acquire', 'ACQUIRE'], ['_release', 'RELEASE']];
  return forms.map(([suffix, tag]) => `${name}${suffix}(${params}) ${primitive}{${tag}}(${args})`).join('\n');
}
