package app

import (
	"container/heap"
	"time"
)

// UpcomingRun is one coming slot of one trigger.
type UpcomingRun struct {
	At      time.Time
	Trigger Trigger
}

// UpcomingRuns merges the next slots of the active triggers after now, in
// loc, earliest first (then by trigger ID), and keeps the first n: the «next
// runs» of the desktop's and the web's Inicio. It asks each trigger for one
// slot, then one more per slot taken, so it stays cheap with many triggers.
func UpcomingRuns(triggers []Trigger, now time.Time, loc *time.Location, n int) []UpcomingRun {
	h := make(runHeap, 0, len(triggers))
	for _, tr := range triggers {
		if !tr.Active {
			continue
		}
		if at := tr.Schedule.Next(now, loc); !at.IsZero() {
			h = append(h, UpcomingRun{At: at, Trigger: tr})
		}
	}
	heap.Init(&h)
	out := make([]UpcomingRun, 0, n)
	for len(out) < n && h.Len() > 0 {
		r := h[0]
		out = append(out, r)
		if next := r.Trigger.Schedule.Next(r.At, loc); !next.IsZero() {
			h[0].At = next
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return out
}

// runHeap orders each trigger's next slot, earliest first.
type runHeap []UpcomingRun

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if !h[i].At.Equal(h[j].At) {
		return h[i].At.Before(h[j].At)
	}
	return h[i].Trigger.ID < h[j].Trigger.ID
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(UpcomingRun)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
