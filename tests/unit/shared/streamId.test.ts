import { describe, expect, it } from 'vitest';
import { compareStreamIds, isStreamId, streamIdTime } from '../../../shared/streamId';

describe('compareStreamIds()', () => {
  it('compareStreamIds() orders by number, not by string: "9-0" comes before "10-0"', () => {
    expect(compareStreamIds('9-0', '10-0')).toBe(-1);
    expect(compareStreamIds('10-0', '9-0')).toBe(1);
  });

  it('compareStreamIds() orders entries of the same ms by sequence, numerically', () => {
    expect(compareStreamIds('1795424400000-2', '1795424400000-10')).toBe(-1);
    expect(compareStreamIds('1795424400000-10', '1795424400000-2')).toBe(1);
  });

  it('compareStreamIds() lets the ms part win over the sequence', () => {
    expect(compareStreamIds('1795424400000-99', '1795424400001-0')).toBe(-1);
  });

  it('compareStreamIds() finds equal ids equal', () => {
    expect(compareStreamIds('1795424400000-7', '1795424400000-7')).toBe(0);
  });

  it('compareStreamIds() sorts a list of ids in stream order', () => {
    const ids = ['10-0', '9-1', '100-0', '9-0', '10-10', '10-2'];
    expect([...ids].sort(compareStreamIds)).toEqual(['9-0', '9-1', '10-0', '10-2', '10-10', '100-0']);
  });
});

describe('isStreamId() and streamIdTime()', () => {
  it.each(['0-0', '1795424400000-0', '1795424400000-12'])('isStreamId() accepts %j', (id) => {
    expect(isStreamId(id)).toBe(true);
  });

  it.each(['', '123', '-1', '1-', 'a-0', '1-0-0', '1795424400000-*', ' 1-0'])('isStreamId() rejects %j', (id) => {
    expect(isStreamId(id)).toBe(false);
  });

  it('streamIdTime() is the ms part of the id', () => {
    expect(streamIdTime('1795424400000-12')).toBe(1795424400000);
  });
});
