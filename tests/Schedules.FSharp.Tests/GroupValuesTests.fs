module Schedules.Tests.GroupValuesTests

open Expecto
open Schedules
open Schedules.Tests.Support

let tests =
    testList "GroupValues" [
        test "equality is bit for bit" {
            Expect.equal (gv [ nan; 0.1 ]) (gv [ nan; 0.1 ]) "NaN equals NaN"
            Expect.notEqual (gv [ 0.0 ]) (gv [ -0.0 ]) "0.0 differs from -0.0"
            Expect.notEqual (gv [ 0.1 ]) (gv [ 0.1; 0.1 ]) "lengths differ"
            Expect.equal (hash (gv [ 0.1; 0.2 ])) (hash (gv [ 0.1; 0.2 ])) "hash follows equality"
        }
        test "the values cannot be changed from outside" {
            let source = [| 0.1; 0.2 |]
            let values = GroupValues.Of source
            source.[0] <- 9.0
            (values.ToArray()).[1] <- 9.0
            Expect.equal (GroupValues.toList values) [ 0.1; 0.2 ] "a copy in, a copy out"
        }
        test "prints round-trippable numbers" {
            Expect.equal (string (gv [ 0.1; 0.010000000000000002 ])) "[0.1; 0.010000000000000002]" "R format"
        }
        test "ForGroups.get reads one value for all groups or each group's own" {
            Expect.equal (ForGroups.get 2 (All 0.5)) 0.5 "All"
            Expect.equal (ForGroups.get 1 (Each [ 0.1; 0.2 ])) 0.2 "Each"
        }
    ]
