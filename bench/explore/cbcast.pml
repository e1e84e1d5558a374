/*
 * The reference configuration of vsynclab's explorer, in Promela, for SPIN:
 * the CBCAST delivery rule (Birman, Schiper, Stephenson 1991) in a static
 * group of N = 3, each process multicasting K causal messages (K = 2 or 3,
 * -DK=3), over a reliable, unordered network: the in-flight messages are a
 * bag (any of them may be received next), there are no acks, no timers and
 * no faults. It mirrors scenarios/explore/cbcast-3xK.json.
 *
 * The causal-order assertion is independent of the delivery rule: every
 * message carries its causal past as a set (the sender's delivered set at
 * send time, closed transitively), and a delivery asserts that the
 * receiver has already delivered all of it. Deadlock freedom is SPIN's
 * invalid-end-state check: a process may end only when it has sent its K
 * messages and delivered all N*K.
 */
#ifndef K
#define K 2
#endif
#define N 3
#define S (K + 1)

/* A message is named by its sender s and sequence number sn (1..K). */
#define MSG(s, sn)        ((s) * S + (sn))
#define BIT(s, sn)        (1 << ((s) * K + (sn) - 1))
#define INFLIGHT(d, s, sn) inflight[(d) * N * S + MSG(s, sn)]
#define WAITING(d, s, sn)  waiting[(d) * N * S + MSG(s, sn)]
#define VT(s, sn, k)       vt[MSG(s, sn) * N + (k)]
#define PAST(s, sn)        past[MSG(s, sn)]
#define D(p, s)            delivered[(p) * N + (s)]

bool inflight[N * N * S];
bool waiting[N * N * S];
byte vt[N * S * N];
short past[N * S];
byte delivered[N * N];
short dset[N];
byte sent[N];

/* Multicast: timestamp, causal past, self-delivery, one copy in flight to each peer. */
inline multicast() {
    sn = sent[me] + 1;
    sent[me] = sn;
    k = 0;
    do
    :: k < N -> VT(me, sn, k) = D(me, k); k++
    :: else -> break
    od;
    VT(me, sn, me) = sn;
    mask = dset[me];
    k = 0;
    do
    :: k < N * S ->
       if
       :: (k % S) > 0 && (dset[me] & BIT(k / S, k % S)) -> mask = mask | past[k]
       :: else -> skip
       fi;
       k++
    :: else -> break
    od;
    PAST(me, sn) = mask;
    D(me, me) = sn;
    dset[me] = dset[me] | BIT(me, sn);
    INFLIGHT((me + 1) % N, me, sn) = 1;
    INFLIGHT((me + 2) % N, me, sn) = 1;
    sn = 0; k = 0; mask = 0
}

/* Deliver every waiting message the causal rule allows, until none is ready. */
inline deliverReady() {
    progress = 1;
    do
    :: progress ->
       progress = 0;
       s = 0;
       do
       :: s < N ->
          sn = D(me, s) + 1;
          if
          :: s != me && sn <= K && WAITING(me, s, sn) ->
             ready = 1;
             k = 0;
             do
#ifndef BROKEN
             :: k < N -> if :: k != s && VT(s, sn, k) > D(me, k) -> ready = 0 :: else -> skip fi; k++
#else
             /* -DBROKEN: the FIFO half of the rule only (the explorer's test mutant). */
             :: k < N -> k++
#endif
             :: else -> break
             od;
             if
             :: ready ->
                WAITING(me, s, sn) = 0;
                assert((PAST(s, sn) & ~dset[me]) == 0);
                D(me, s) = sn;
                dset[me] = dset[me] | BIT(s, sn);
                progress = 1
             :: else -> skip
             fi
          :: else -> skip
          fi;
          s++
       :: else -> break
       od
    :: else -> break
    od;
    s = 0; sn = 0; k = 0; ready = 0; progress = 0
}

/*
 * Receive message (from, n) if it is in flight to me. Each action of the
 * explorer (a request, a delivery) is one handler run; here each is one
 * d_step, so SPIN stores no state inside it either.
 */
#define RECEIVE(from, n) \
  :: d_step { n <= K && INFLIGHT(me, from, n) -> INFLIGHT(me, from, n) = 0; WAITING(me, from, n) = 1; deliverReady() }

proctype node(byte me) {
  byte s, sn, k;
  short mask;
  bool ready, progress;
  byte o1 = (me + 1) % N;
  byte o2 = (me + 2) % N;
  do
  :: d_step { sent[me] < K -> multicast() }
  RECEIVE(o1, 1)
  RECEIVE(o1, 2)
  RECEIVE(o1, 3)
  RECEIVE(o2, 1)
  RECEIVE(o2, 2)
  RECEIVE(o2, 3)
  :: sent[me] == K && D(me, 0) == K && D(me, 1) == K && D(me, 2) == K -> break
  od
}

init {
  atomic { run node(0); run node(1); run node(2) }
}
