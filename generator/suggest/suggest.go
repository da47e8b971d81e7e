// Package suggest finds the nearest known word for a typo, for "did you mean" hints.
package suggest

import "unicode/utf8"

// Nearest returns the candidate closest to s by edit distance, or "" when none is
// close enough to be a plausible typo (at most a third of the longer word, and at
// most 3 edits). Ties go to the earlier candidate, so callers pass a sorted list.
func Nearest(s string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(s, c)
		limit := min(3, max(1, max(utf8.RuneCountInString(s), utf8.RuneCountInString(c))/3))
		if d > limit {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the Damerau–Levenshtein distance (optimal string alignment) between a
// and b, counted in runes: insertions, deletions, substitutions and swaps of two
// neighbouring runes each cost one.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
