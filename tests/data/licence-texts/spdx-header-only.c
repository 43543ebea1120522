/* SPDX-License-Identifier: BSD-3-Clause */

int addfive(int x) {
	return x + 5;
}

